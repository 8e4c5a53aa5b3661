package io.slurmmetrics.exporter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Level;

/** Checks shared by flags and the config file; each returns or throws a message without saying where. */
final class Validation {
  private Validation() {}

  /** Null when {@code url} is a usable slurmrestd address, else why not. */
  static String restUrlProblem(String url) {
    if (url.startsWith("unix:")) {
      String path = url.substring("unix:".length());
      if (path.startsWith("//")) path = path.substring(2);
      if (!path.startsWith("/")) return "\"" + url + "\": a unix socket needs an absolute path, e.g. unix:/run/slurmrestd.sock";
      return null;
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "\"" + url + "\" is not an http://, https:// or unix:/path address";
      }
      if (u.getHost() == null) return "\"" + url + "\" has no host";
      if (u.getUserInfo() != null) return "put credentials in a token file, not in the URL";
      if (u.getQuery() != null) return "\"" + url + "\": no query string expected";
      return null;
    } catch (URISyntaxException e) {
      return "\"" + url + "\" is not a URL: " + e.getReason();
    }
  }

  static String telemetryPathProblem(String p) {
    if (!p.startsWith("/")) return "\"" + p + "\" must start with /";
    if (p.equals("/") || p.equals("/-/healthy") || p.equals("/-/ready")) {
      return "\"" + p + "\" is taken by the landing page or a probe";
    }
    return null;
  }

  static String readableFileProblem(Path p) {
    if (!Files.exists(p)) return p + ": no such file";
    if (!Files.isRegularFile(p)) return p + ": not a regular file";
    if (!Files.isReadable(p)) return p + ": not readable by this user";
    return null;
  }

  /** The state file may not exist yet, but its directory must, and be writable. */
  static String stateFileProblem(Path p) {
    Path dir = p.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) return p + ": its directory does not exist";
    if (!Files.isWritable(dir)) return p + ": its directory is not writable by this user";
    if (Files.isDirectory(p)) return p + ": is a directory";
    return null;
  }

  /** The per-node threshold: a whole number of nodes, at least 1. */
  static int nodeMaxNodes(String s) {
    int n;
    try {
      n = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number of nodes (at least 1), found \"" + s + "\"");
    }
    if (n < 1) {
      throw new IllegalArgumentException("must be at least 1, found " + n + " (to leave per-node series out at any "
          + "size, switch the node collector off: --no-collector.node or collectors: {node: false})");
    }
    return n;
  }

  static Level logLevel(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "debug" -> Level.FINE;
      case "info" -> Level.INFO;
      case "warn", "warning" -> Level.WARNING;
      case "error" -> Level.SEVERE;
      default -> throw new IllegalArgumentException("expected debug, info, warn or error, found \"" + s + "\"");
    };
  }
}
