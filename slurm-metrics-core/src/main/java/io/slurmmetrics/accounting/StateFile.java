package io.slurmmetrics.accounting;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The poller's memory across restarts: where counting started, how far it has read, and the recently counted jobs.
 *
 * <p>A small line-oriented text file, readable by an operator: {@code version 1}, {@code cluster NAME},
 * {@code count-from INSTANT}, {@code cursor INSTANT}, one {@code job ID TASK HET SUBMIT END} line per remembered job,
 * and a closing {@code jobs N} line so a truncated file is recognised. It is replaced atomically (written to a
 * temporary file in the same directory, forced to disk, then renamed over the old one), so a crash leaves either the
 * old or the new state, never a mix.
 */
final class StateFile {
  static final String HEADER =
      "# slurm-metrics accounting state. Deleting it restarts counting at the next start (nothing before is counted).";

  /** The poller's persistent state. {@code jobs} maps each remembered job to its end time. */
  record State(String cluster, Instant countFrom, Instant cursor, Map<JobKey, Instant> jobs) {
    State {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(countFrom, "countFrom");
      Objects.requireNonNull(cursor, "cursor");
      jobs = Map.copyOf(jobs);
    }
  }

  /** The file exists but cannot be understood; the message says why, naming the file and line. */
  static final class CorruptStateException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptStateException(String message) {
      super(message);
    }
  }

  private final Path path;

  StateFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  Path path() {
    return path;
  }

  /** The stored state, empty when there is no file yet. */
  Optional<State> read() throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.MalformedInputException e) {
      throw new CorruptStateException(path + ": not UTF-8 text");
    }
    String version = null;
    String cluster = null;
    Instant countFrom = null;
    Instant cursor = null;
    Map<JobKey, Instant> jobs = new HashMap<>();
    Integer declaredJobs = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (declaredJobs != null) throw corrupt(i, "content after the closing 'jobs' line");
      String[] f = line.split(" ");
      try {
        switch (f[0]) {
          case "version" -> version = single(f, i);
          case "cluster" -> cluster = line.substring("cluster ".length());
          case "count-from" -> countFrom = Instant.parse(single(f, i));
          case "cursor" -> cursor = Instant.parse(single(f, i));
          case "job" -> {
            if (f.length != 6) throw corrupt(i, "a job line has 5 fields");
            JobKey key = new JobKey(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]));
            jobs.put(key, Instant.parse(f[5]));
          }
          case "jobs" -> declaredJobs = Integer.parseInt(single(f, i));
          default -> throw corrupt(i, "unknown key '" + f[0] + "'");
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        throw corrupt(i, "bad value (" + e.getMessage() + ")");
      }
    }
    if (!"1".equals(version)) throw new CorruptStateException(path + ": missing or unknown 'version' (want 1)");
    if (cluster == null || countFrom == null || cursor == null) {
      throw new CorruptStateException(path + ": 'cluster', 'count-from' or 'cursor' missing");
    }
    if (declaredJobs == null) throw new CorruptStateException(path + ": truncated (no closing 'jobs' line)");
    if (declaredJobs != jobs.size()) {
      throw new CorruptStateException(path + ": says " + declaredJobs + " jobs but holds " + jobs.size());
    }
    return Optional.of(new State(cluster, countFrom, cursor, jobs));
  }

  /** Replaces the file atomically with {@code state}. */
  void write(State state) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      Writer w = Channels.newWriter(ch, StandardCharsets.UTF_8);
      w.write(HEADER + "\nversion 1\ncluster " + state.cluster() + "\ncount-from " + state.countFrom()
          + "\ncursor " + state.cursor() + "\n");
      for (Map.Entry<JobKey, Instant> e : state.jobs().entrySet()) {
        JobKey k = e.getKey();
        w.write("job " + k.jobId() + " " + k.arrayTaskId() + " " + k.hetJobOffset() + " " + k.submitEpochSecond()
            + " " + e.getValue() + "\n");
      }
      w.write("jobs " + state.jobs().size() + "\n");
      w.flush();
      ch.force(true);
    }
    try {
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String single(String[] fields, int line) throws CorruptStateException {
    if (fields.length != 2) throw corrupt(line, "'" + fields[0] + "' takes one value");
    return fields[1];
  }

  private CorruptStateException corrupt(int lineIndex, String why) {
    return new CorruptStateException(path + " line " + (lineIndex + 1) + ": " + why);
  }
}
