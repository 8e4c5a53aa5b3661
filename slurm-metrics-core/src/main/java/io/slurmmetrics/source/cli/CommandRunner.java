package io.slurmmetrics.source.cli;

import io.slurmmetrics.source.BoundedSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.BufferedSource;
import okio.Okio;

/**
 * Runs one Slurm command with a deadline: stdout is handed to a reader as a stream (never collected as a String),
 * stderr is drained on the side and kept trimmed and capped, and the process is killed (with its children) when the
 * deadline passes. Thread-safe.
 */
final class CommandRunner {
  static final int STDERR_CAP = 2048;

  /**
   * Set for every command: Slurm 26.05's commands then print their {@code --json} on one line without indentation,
   * about half the bytes of the default pretty print (a 26.05 {@code sacct --json} 62 KB -> 32 KB on the lab) and the
   * same document. 22.05 and 24.11 commands ignore the variable; text commands ({@code scontrol ping}) are unchanged.
   * Only {@code compact} and {@code pretty} are valid: 26.05 exits fatally on any other value, hence a constant.
   */
  static final String JSON_FORMAT_VARIABLE = "SLURM_JSON";
  static final String JSON_FORMAT = "compact";

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "slurm-metrics-cli-watchdog");
    t.setDaemon(true);
    return t;
  });

  interface StdoutReader<T> {
    T read(BufferedSource stdout) throws Exception;
  }

  /** What a run produced. {@code value} is null when the reader failed ({@code readFailure} then says why). */
  static final class Result<T> {
    T value;
    Exception readFailure;
    int exitCode;
    boolean timedOut;
    String stderr = "";
  }

  private final Path binDir;
  private final Path slurmConf;
  private final Duration timeout;
  private final long maxOutputBytes;

  CommandRunner(Path binDir, Path slurmConf, Duration timeout, long maxOutputBytes) {
    this.binDir = binDir;
    this.slurmConf = slurmConf;
    this.timeout = timeout;
    this.maxOutputBytes = maxOutputBytes;
  }

  /** The executable for a command name: in the bin directory when one is set, else looked up on PATH. */
  String executable(String command) {
    return binDir == null ? command : binDir.resolve(command).toString();
  }

  <T> Result<T> run(List<String> args, StdoutReader<T> reader) throws IOException {
    List<String> cmd = new ArrayList<>(args);
    cmd.set(0, executable(args.get(0)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put(JSON_FORMAT_VARIABLE, JSON_FORMAT);
    if (slurmConf != null) env.put("SLURM_CONF", slurmConf.toString());
    Process p = pb.start(); // IOException: binary missing or not executable
    Result<T> result = new Result<>();
    AtomicBoolean killed = new AtomicBoolean();
    ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> {
      killed.set(true);
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread stderrDrain = new Thread(() -> drain(p.getErrorStream(), err), "slurm-metrics-cli-stderr");
    stderrDrain.setDaemon(true);
    stderrDrain.start();
    try (BufferedSource out = Okio.buffer(new BoundedSource(Okio.source(p.getInputStream()), maxOutputBytes))) {
      try {
        result.value = reader.read(out);
        // drain what the reader left (trailing whitespace) so the process is never blocked on a full pipe
        while (!out.exhausted()) out.skip(out.getBuffer().size());
      } catch (Exception e) {
        result.readFailure = e;
        if (!killed.get()) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      }
    } finally {
      try {
        long waitMs = Math.max(1, timeout.toMillis());
        if (!p.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
          killed.set(true);
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
        }
        stderrDrain.join(TimeUnit.SECONDS.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
      deadline.cancel(false);
    }
    result.timedOut = killed.get();
    result.exitCode = p.isAlive() ? -1 : p.exitValue();
    synchronized (err) {
      result.stderr = trim(err.toString(StandardCharsets.UTF_8));
    }
    return result;
  }

  private static void drain(InputStream in, ByteArrayOutputStream into) {
    byte[] buf = new byte[4096];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (into) {
          int room = STDERR_CAP - into.size();
          if (room > 0) into.write(buf, 0, Math.min(room, n));
        }
      }
    } catch (IOException ignored) {
      // process killed: what we have is what we report
    }
  }

  /** One line, capped: stderr goes into exception messages. */
  static String trim(String s) {
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 500 ? t.substring(0, 500) + "..." : t;
  }
}
