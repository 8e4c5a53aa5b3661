package io.slurmmetrics.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The recorded real Slurm outputs on the classpath, one {@link FixtureSet} per Slurm version
 * ({@code io/slurmmetrics/testkit/fixtures/slurm-22.05/}, ...). Works from a directory and from a jar.
 *
 * <pre>{@code
 * for (FixtureSet set : Fixtures.all()) {
 *   byte[] nodes = set.rest("v0.0.38", "slurm", "nodes").orElseThrow();
 * }
 * }</pre>
 */
public final class Fixtures {
  /** The classpath directory that holds one {@code slurm-<version>/} directory per Slurm version. */
  public static final String ROOT = "io/slurmmetrics/testkit/fixtures/";

  private static volatile SortedMap<String, FixtureSet> cache;

  private Fixtures() {}

  /** Every recorded Slurm version ({@code 22.05}, {@code 24.11}, ...), oldest first. Empty when none is recorded. */
  public static List<String> versions() {
    return List.copyOf(scan().keySet());
  }

  /** Every fixture set, oldest Slurm first. */
  public static List<FixtureSet> all() {
    return List.copyOf(scan().values());
  }

  /**
   * The fixture set of one Slurm version.
   *
   * @throws IllegalArgumentException naming the versions that exist when this one does not
   */
  public static FixtureSet of(String slurmVersion) {
    FixtureSet set = scan().get(slurmVersion);
    if (set == null) {
      throw new IllegalArgumentException("no recorded fixtures for Slurm " + slurmVersion + " (have "
          + versions() + ")");
    }
    return set;
  }

  private static SortedMap<String, FixtureSet> scan() {
    SortedMap<String, FixtureSet> c = cache;
    if (c == null) {
      synchronized (Fixtures.class) {
        if (cache == null) cache = load(Fixtures.class.getClassLoader(), ROOT);
        c = cache;
      }
    }
    return c;
  }

  /** Fixture sets below any classpath directory laid out like {@link #ROOT}. */
  static SortedMap<String, FixtureSet> load(ClassLoader loader, String root) {
    SortedMap<String, SortedSet<String>> byVersion = new TreeMap<>(FixtureSet::compareVersions);
    try {
      Enumeration<URL> roots = loader.getResources(root);
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        for (String rel : list(url)) {
          int slash = rel.indexOf('/');
          if (slash <= 0 || !rel.startsWith("slurm-") || rel.endsWith("/")) continue;
          String version = rel.substring("slurm-".length(), slash);
          byVersion.computeIfAbsent(version, v -> new TreeSet<>()).add(rel.substring(slash + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + " on the classpath", e);
    }
    SortedMap<String, FixtureSet> out = new TreeMap<>(FixtureSet::compareVersions);
    for (Map.Entry<String, SortedSet<String>> e : byVersion.entrySet()) {
      out.put(e.getKey(), new FixtureSet(loader, e.getKey(), root + "slurm-" + e.getKey() + "/", e.getValue()));
    }
    return out;
  }

  /** Files below {@code url} (a directory or a jar directory entry), relative to it, '/' separated. */
  private static List<String> list(URL url) throws IOException {
    List<String> out = new ArrayList<>();
    if ("file".equals(url.getProtocol())) {
      Path dir;
      try {
        dir = Paths.get(url.toURI());
      } catch (URISyntaxException e) {
        throw new IOException("bad classpath URL " + url, e);
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
      }
    } else if ("jar".equals(url.getProtocol())) {
      URLConnection conn = url.openConnection();
      if (conn instanceof JarURLConnection jar) {
        String prefix = jar.getEntryName();
        conn.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
          Enumeration<JarEntry> entries = file.entries();
          while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
              out.add(entry.getName().substring(prefix.length()));
            }
          }
        }
      }
    }
    return out;
  }
}
