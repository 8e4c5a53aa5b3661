package io.slurmmetrics.exporter.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the exporter listens, written as Prometheus exporters do: {@code :9341} (every interface),
 * {@code 127.0.0.1:9341}, {@code [::1]:9341}, {@code localhost:9341}. Port 0 picks a free port.
 *
 * @param host empty for every interface
 */
public record ListenAddress(Optional<String> host, int port) {
  public static final int DEFAULT_PORT = 9341;

  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
  }

  /** Parses {@code [host]:port}; the exception message says what is wrong with the text. */
  public static ListenAddress parse(String text) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("\"" + text + "\" has no port (expected [host]:port, e.g. :9341)");
    }
    String host = s.substring(0, colon);
    String portText = s.substring(colon + 1);
    if (host.startsWith("[")) {
      if (!host.endsWith("]")) throw new IllegalArgumentException("\"" + text + "\": unclosed [ in IPv6 host");
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("\"" + text + "\": write an IPv6 host in brackets, e.g. [::1]:9341");
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\": port \"" + portText + "\" is not a number");
    }
    if (port < 0 || port > 65535) throw new IllegalArgumentException("\"" + text + "\": port out of range 0-65535");
    return new ListenAddress(host.isEmpty() ? Optional.empty() : Optional.of(host), port);
  }

  public InetSocketAddress socketAddress() {
    return host.map(h -> new InetSocketAddress(h, port)).orElseGet(() -> new InetSocketAddress(port));
  }

  @Override
  public String toString() {
    String h = host.map(x -> x.contains(":") ? "[" + x + "]" : x).orElse("");
    return h + ":" + port;
  }
}
