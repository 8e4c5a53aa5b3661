package io.slurmmetrics.exporter.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The repository's operations assets (deploy/, docs/, scripts/), found from the module's working directory. */
final class RepositoryFiles {
  private RepositoryFiles() {}

  /** The repository root: the nearest directory upwards holding both {@code deploy/prometheus} and {@code pom.xml}. */
  static Path root() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("deploy/prometheus")) && Files.isRegularFile(d.resolve("pom.xml"))) return d;
    }
    throw new IllegalStateException("no repository root with deploy/prometheus above " + dir);
  }

  static Path resolve(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) throw new IllegalStateException("missing " + relative + " under " + root());
    return p;
  }

  static String read(String relative) {
    return read(resolve(relative));
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Regular files under {@code relativeDir} (recursively) whose names end with one of {@code suffixes}, sorted. */
  static List<Path> list(String relativeDir, String... suffixes) {
    try (Stream<Path> s = Files.walk(resolve(relativeDir))) {
      return s.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            for (String suffix : suffixes) if (n.endsWith(suffix)) return true;
            return false;
          })
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + relativeDir, e);
    }
  }

  /** {@code file} relative to the root, for messages. */
  static String name(Path file) {
    return root().relativize(file).toString();
  }
}
