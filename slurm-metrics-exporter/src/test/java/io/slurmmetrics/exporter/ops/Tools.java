package io.slurmmetrics.exporter.ops;

import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Prometheus' binaries ({@code promtool}, {@code prometheus}: Debian's {@code prometheus} package) and runs
 * them. Without a binary a test is skipped with the reason printed; with {@code CI=true} it fails, because CI
 * promised the tool ({@code .ci/run} installs it).
 */
final class Tools {
  private Tools() {}

  /** Output and exit status of a finished command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** {@code promtool} from {@code $PROMTOOL}, the lab's env file, {@code $PATH} or {@code /usr/bin}. */
  static Optional<Path> promtool() {
    return find("PROMTOOL", "promtool", SlurmLab.find().flatMap(SlurmLab::promtoolBin));
  }

  /** {@code prometheus} from {@code $PROMETHEUS}, the lab's env file, {@code $PATH} or {@code /usr/bin}. */
  static Optional<Path> prometheus() {
    return find("PROMETHEUS", "prometheus", SlurmLab.find().flatMap(SlurmLab::prometheusBin));
  }

  /** The binary, or skip (fail on CI) naming what is missing and how to get it. */
  static Path require(String name, Optional<Path> binary) {
    return require(binary, name + " not found (set $" + name.toUpperCase(java.util.Locale.ROOT)
        + " or install Debian's 'prometheus' package: apt-get install -y prometheus)");
  }

  /** The thing, or skip the test with {@code missing} as the reason; with {@code CI=true} fail instead. */
  static <T> T require(Optional<T> thing, String missing) {
    if (thing.isPresent()) return thing.get();
    if (SlurmLab.isCi()) throw new IllegalStateException(missing + "; CI=true requires it");
    System.err.println("[ops] skipping: " + missing);
    Assumptions.abort(missing);
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> find(String envVar, String command, Optional<Path> fromLab) {
    String explicit = System.getenv(envVar);
    if (explicit != null && !explicit.isBlank()) return executable(Paths.get(explicit));
    if (fromLab.isPresent() && Files.isExecutable(fromLab.get())) return fromLab;
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isBlank()) candidates.add(Paths.get(dir, command));
      }
    }
    candidates.add(Paths.get("/usr/bin", command));
    for (Path c : candidates) {
      if (Files.isExecutable(c)) return Optional.of(c);
    }
    return Optional.empty();
  }

  private static Optional<Path> executable(Path p) {
    return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }

  /** Runs a command to completion (stdout and stderr together), failing when it outlives {@code timeout}. */
  static Result run(Duration timeout, Path workDir, List<String> command) {
    Path out = null;
    try {
      out = Files.createTempFile("ops-tool", ".out");
      Process p = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }
}
