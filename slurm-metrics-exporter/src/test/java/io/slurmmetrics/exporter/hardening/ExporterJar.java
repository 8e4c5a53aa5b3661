package io.slurmmetrics.exporter.hardening;

import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * The packaged exporter ({@code target/slurm-metrics-exporter.jar}, passed by failsafe as {@code exporter.jar}) as a
 * child process on a free loopback port, its stdout and stderr in one file.
 */
final class ExporterJar implements AutoCloseable {
  final Process process;
  final Path output;
  final int port;

  private ExporterJar(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  static Path jar() {
    String property = System.getProperty("exporter.jar");
    Path jar = property != null ? Paths.get(property) : Paths.get("target/slurm-metrics-exporter.jar");
    if (Files.isRegularFile(jar)) return jar;
    String reason = "no exporter jar at " + jar.toAbsolutePath() + " (built by mvn package; failsafe passes it)";
    if (SlurmLab.isCi()) throw new AssertionError(reason + " and CI=true");
    throw new TestAbortedException(reason);
  }

  static ExporterJar start(Path workDir, List<String> jvmArgs, List<String> flags) {
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.addAll(flags);
    Path out = workDir.resolve("exporter-" + port + ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      return new ExporterJar(p, out, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code jcmd PID GC.run}: a full collection in the exporter, so heap figures compare live data only. */
  void gc() throws Exception {
    Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd GC.run failed: " + out);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
