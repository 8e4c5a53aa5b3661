package io.slurmmetrics.exporter.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged exporter jar (or a host app with it as {@code -javaagent}) as a child process, with its output in
 * files and helpers to scrape it over HTTP. Waiting is polling with a deadline, never a fixed sleep.
 */
final class ExporterProcess implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Process process;
  final Path stdout;
  final Path stderr;
  final int port;

  private ExporterProcess(Process process, Path stdout, Path stderr, int port) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.port = port;
  }

  /** The jar failsafe passes in, else the module's target/ one. */
  static Path jar() {
    String p = System.getProperty("exporter.jar");
    Path jar = p != null ? Path.of(p) : Path.of("target", "slurm-metrics-exporter.jar");
    if (!Files.isRegularFile(jar)) fail("the exporter jar is not built: " + jar.toAbsolutePath()
        + " (run mvn package first; failsafe does so)");
    return jar;
  }

  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** {@code java -jar slurm-metrics-exporter.jar args...}. */
  static ExporterProcess standalone(Path dir, int port, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(java().toString(), "-Xmx256m", "-jar", jar().toString()));
    cmd.addAll(List.of(args));
    return start(dir, port, env, cmd);
  }

  static ExporterProcess start(Path dir, int port, Map<String, String> env, List<String> cmd) throws IOException {
    Path out = Files.createTempFile(dir, "stdout", ".log");
    Path err = Files.createTempFile(dir, "stderr", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("SLURM_JWT");
    pb.environment().putAll(env);
    return new ExporterProcess(pb.start(), out, err, port);
  }

  /** The same process, scraped on another port (a host app's agent port). Close the original, not this. */
  ExporterProcess onPort(int otherPort) {
    return new ExporterProcess(process, stdout, stderr, otherPort);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code path} until the answer satisfies {@code ok}; fails with the last answer and the logs. */
  HttpResponse<String> await(String path, Duration within, Predicate<HttpResponse<String>> ok) throws Exception {
    return awaitNoProblem(path, within, r -> ok.test(r) ? null : "condition not met");
  }

  /**
   * Polls {@code path} until {@code problem} returns null for the answer; fails with the last problem, the Slurm
   * health lines of the last answer and the logs.
   */
  HttpResponse<String> awaitNoProblem(String path, Duration within,
      java.util.function.Function<HttpResponse<String>, String> problem) throws Exception {
    Instant deadline = Instant.now().plus(within);
    HttpResponse<String> last = null;
    Exception lastError = null;
    String lastProblem = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) fail("process exited with " + process.exitValue() + "; stderr:\n" + stderr());
      try {
        last = get(path);
        lastProblem = problem.apply(last);
        if (lastProblem == null) return last;
      } catch (IOException e) {
        lastError = e; // not listening yet
      }
      process.waitFor(250, TimeUnit.MILLISECONDS); // poll interval, returns early if the process dies
    }
    fail("no satisfying answer from " + path + " within " + within + ": " + lastProblem + "; last: "
        + (last == null ? String.valueOf(lastError) : last.statusCode() + " " + health(last.body()))
        + "\nstderr:\n" + stderr() + "\nstdout:\n" + stdout());
    return last;
  }

  /** The lines that tell why Slurm data is missing: slurm_up, slurm_info, error counters. */
  private static String health(String body) {
    String lines = body.lines().filter(l -> l.startsWith("slurm_up") || l.startsWith("slurm_info")
        || l.startsWith("slurm_exporter_collect_errors_total")).collect(java.util.stream.Collectors.joining("\n"));
    return lines.isEmpty() ? (body.length() > 2000 ? body.substring(0, 2000) + "..." : body) : lines;
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** Waits for the process to end by itself; fails when it does not within {@code within}. */
  int awaitExit(Duration within) throws Exception {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      fail("process did not exit within " + within + "; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
