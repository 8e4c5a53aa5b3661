package io.slurmmetrics.source.cli;

import io.slurmmetrics.json.SlurmJson;
import io.slurmmetrics.json.SlurmJsonException;
import io.slurmmetrics.json.SlurmMessage;
import io.slurmmetrics.json.SlurmResponse;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.source.BoundedSource;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.SlurmSourceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one cluster through the Slurm commands' {@code --json} output (same schemas as slurmrestd), run with
 * {@link ProcessBuilder} from a configurable directory and with a configurable {@code SLURM_CONF}.
 *
 * <pre>{@code
 * SlurmSource cli = CliSource.builder()
 *     .binDir(Path.of("/usr/bin"))
 *     .slurmConf(Path.of("/etc/slurm/slurm.conf"))
 *     .timeout(Duration.ofSeconds(20))
 *     .build();
 * }</pre>
 *
 * <p>Commands: nodes {@code scontrol show nodes --json}, else {@code sinfo --json} (22.05); jobs
 * {@code scontrol show jobs --json}, else {@code squeue --json}; partitions, reservations and licenses
 * {@code scontrol show ... --json}; {@code sdiag --json}; {@code sshare -a --json}; {@code sacct --json} (with
 * {@code -s R} for the steps of running jobs); the
 * database ping is {@code sacctmgr show cluster}. A command without {@code --json} (22.05's scontrol, sdiag, sshare)
 * makes that endpoint {@link ErrorKind#UNSUPPORTED}, the rest keeps working. Output with {@code errors[]} is a
 * failure even with exit code 0 ({@code sinfo --json} when slurmctld is down). The timeout kills the process;
 * stderr (trimmed, capped) is part of the error. Thread-safe.
 */
public final class CliSource implements SlurmSource {
  private static final Pattern VERSION = Pattern.compile("slurm[^\\d]*(\\d+\\.\\d+\\.\\d+\\S*)");
  private static final Pattern CLUSTER = Pattern.compile("(?m)^ClusterName\\s*=\\s*(\\S+)");

  private final String name;
  private final CommandRunner runner;
  private final String configuredCluster;
  private final ZoneId zone;
  private final Map<Endpoint, Integer> choice = new EnumMap<>(Endpoint.class);
  private volatile String slurmVersion;
  private volatile String clusterName;

  private CliSource(Builder b) {
    this.name = "cli " + (b.binDir == null ? "PATH" : b.binDir.toString());
    this.runner = new CommandRunner(b.binDir, b.slurmConf, b.timeout, b.maxOutputBytes);
    this.configuredCluster = b.clusterName;
    this.zone = b.zone;
  }

  /** A builder; with no settings the commands are found on PATH with a 30 s timeout. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "cli";
  }

  @Override
  public ControllerInfo ping() throws SlurmSourceException {
    String out = text(Endpoint.PING, List.of("scontrol", "ping"), true);
    boolean up = out.contains(" is UP");
    if (slurmVersion == null) {
      Matcher m = VERSION.matcher(text(Endpoint.PING, List.of("scontrol", "--version"), false));
      slurmVersion = m.find() ? m.group(1) : "";
    }
    String cluster = configuredCluster;
    if (cluster.isEmpty()) {
      if (clusterName == null && up) {
        Matcher m = CLUSTER.matcher(text(Endpoint.PING, List.of("scontrol", "show", "config"), false));
        clusterName = m.find() ? m.group(1) : "";
      }
      cluster = clusterName == null ? "" : clusterName;
    }
    return new ControllerInfo(cluster, slurmVersion, "cli", up);
  }

  @Override
  public List<Node> nodes() throws SlurmSourceException {
    return first(Endpoint.NODES, List.of(
        List.of("scontrol", "show", "nodes", "--json"),
        List.of("sinfo", "--json")), SlurmJson::nodes);
  }

  @Override
  public List<Partition> partitions() throws SlurmSourceException {
    return first(Endpoint.PARTITIONS, List.of(List.of("scontrol", "show", "partitions", "--json")),
        SlurmJson::partitions);
  }

  @Override
  public List<Job> jobs() throws SlurmSourceException {
    // squeue --json filters finished jobs from 23.02 on; scontrol shows what slurmctld holds, like REST /jobs
    return first(Endpoint.JOBS, List.of(
        List.of("scontrol", "show", "jobs", "--json"),
        List.of("squeue", "--json")), SlurmJson::jobs);
  }

  @Override
  public List<Reservation> reservations() throws SlurmSourceException {
    return first(Endpoint.RESERVATIONS, List.of(List.of("scontrol", "show", "reservations", "--json")),
        SlurmJson::reservations);
  }

  @Override
  public List<License> licenses() throws SlurmSourceException {
    return first(Endpoint.LICENSES, List.of(List.of("scontrol", "show", "licenses", "--json")),
        SlurmJson::licenses);
  }

  @Override
  public SchedulerStats diag() throws SlurmSourceException {
    return first(Endpoint.DIAG, List.of(List.of("sdiag", "--json")), SlurmJson::diag);
  }

  @Override
  public List<FairShare> shares() throws SlurmSourceException {
    return first(Endpoint.SHARES, List.of(List.of("sshare", "-a", "--json")), SlurmJson::shares);
  }

  @Override
  public void pingDatabase() throws SlurmSourceException {
    text(Endpoint.DATABASE, List.of("sacctmgr", "--noheader", "--parsable2", "show", "cluster", "format=cluster"),
        false);
  }

  @Override
  public List<AccountingJob> accountingJobs(Instant endedFrom, Instant endedTo) throws SlurmSourceException {
    List<AccountingJob> all;
    try {
      all = first(Endpoint.ACCOUNTING_JOBS, List.of(List.of("sacct", "--json", "-a",
          "-S", local(endedFrom), "-E", local(endedTo.plusSeconds(1)))), SlurmJson::accountingJobs);
    } catch (SlurmSourceException e) {
      // 22.05: a window without jobs is errno 9003 (ESLURM_REST_EMPTY_RESULT, "Nothing found with query"), exit 0
      if (e.slurmErrno() == 9003) return List.of();
      throw e;
    }
    List<AccountingJob> ended = new ArrayList<>();
    for (AccountingJob j : all) {
      if (j.endTime().isPresent() && !j.endTime().get().isBefore(endedFrom) && !j.endTime().get().isAfter(endedTo)) {
        ended.add(j);
      }
    }
    return ended;
  }

  /**
   * {@code sacct --json -a -s R}: with a state and no {@code -S}/{@code -E}, sacct asks for the jobs in that state
   * now (22.05 to 26.05 alike), the same slurmdb schema as REST {@code /slurmdb/.../jobs?state=RUNNING}.
   */
  @Override
  public List<JobStep> steps() throws SlurmSourceException {
    try {
      return first(Endpoint.STEPS, List.of(List.of("sacct", "--json", "-a", "--state=RUNNING")), SlurmJson::steps);
    } catch (SlurmSourceException e) {
      if (e.slurmErrno() == 9003) return List.of(); // 22.05: no running job is "Nothing found with query"
      throw e;
    }
  }

  private String local(Instant t) {
    return LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), zone).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  @Override
  public void close() {
    // nothing held between calls
  }

  @Override
  public String toString() {
    return name;
  }

  // ------------------------------------------------------------------------------------------------ internals

  interface Decoder<T> {
    SlurmResponse<T> decode(okio.BufferedSource in, String apiVersion) throws IOException, SlurmJsonException;
  }

  /**
   * Runs the first command of {@code candidates} this Slurm supports (remembered once known); a command rejecting
   * {@code --json} moves on to the next, and when none is left the endpoint is unsupported.
   */
  private <T> T first(Endpoint endpoint, List<List<String>> candidates, Decoder<T> decoder)
      throws SlurmSourceException {
    Integer known;
    synchronized (choice) {
      known = choice.get(endpoint);
    }
    int start = known == null ? 0 : known;
    if (start >= candidates.size()) {
      throw fail(ErrorKind.UNSUPPORTED, endpoint, "this Slurm has no --json for " + commands(candidates), 0, null);
    }
    SlurmSourceException last = null;
    for (int i = start; i < candidates.size(); i++) {
      try {
        T value = json(endpoint, candidates.get(i), decoder);
        synchronized (choice) {
          choice.put(endpoint, i);
        }
        return value;
      } catch (SlurmSourceException e) {
        if (e.kind() != ErrorKind.UNSUPPORTED) throw e;
        last = e;
        synchronized (choice) {
          choice.put(endpoint, i + 1);
        }
      }
    }
    throw last;
  }

  private <T> T json(Endpoint endpoint, List<String> cmd, Decoder<T> decoder) throws SlurmSourceException {
    String what = "`" + String.join(" ", cmd) + "`";
    CommandRunner.Result<SlurmResponse<T>> r = run(endpoint, cmd, what, in -> {
      if (in.exhausted()) return null; // nothing on stdout: judged by exit code and stderr below
      return decoder.decode(in, "cli");
    });
    if (r.timedOut) {
      throw fail(ErrorKind.TIMEOUT, endpoint, what + " killed after the timeout" + stderr(r), 0, null);
    }
    if (r.value != null && r.value.hasErrors()) throw slurmErrors(endpoint, what, r);
    if (r.exitCode != 0 || r.value == null) throw exitFailure(endpoint, what, r);
    return r.value.data();
  }

  /** Runs a command for its exit code (and text output, small). */
  private String text(Endpoint endpoint, List<String> cmd, boolean anyExit) throws SlurmSourceException {
    String what = "`" + String.join(" ", cmd) + "`";
    CommandRunner.Result<String> r = run(endpoint, cmd, what, in -> {
      okio.Buffer buf = new okio.Buffer();
      in.readAll(buf); // bounded by the runner
      return buf.readString(StandardCharsets.UTF_8);
    });
    if (r.timedOut) throw fail(ErrorKind.TIMEOUT, endpoint, what + " killed after the timeout" + stderr(r), 0, null);
    if (r.value == null || (!anyExit && r.exitCode != 0)) throw exitFailure(endpoint, what, r);
    return r.value;
  }

  private <T> CommandRunner.Result<T> run(Endpoint endpoint, List<String> cmd, String what,
      CommandRunner.StdoutReader<T> reader) throws SlurmSourceException {
    try {
      return runner.run(cmd, reader);
    } catch (IOException e) {
      throw fail(ErrorKind.UNREACHABLE, endpoint, "cannot run " + runner.executable(cmd.get(0)) + ": "
          + e.getMessage(), 0, e);
    }
  }

  private SlurmSourceException exitFailure(Endpoint endpoint, String what, CommandRunner.Result<?> r) {
    String err = r.stderr.toLowerCase(Locale.ROOT);
    if (err.contains("unrecognized option") || err.contains("invalid option") || err.contains("unknown option")) {
      return fail(ErrorKind.UNSUPPORTED, endpoint, what + " exit " + r.exitCode + stderr(r), 0, null);
    }
    if (r.readFailure instanceof SlurmJsonException e) {
      return fail(ErrorKind.BAD_PAYLOAD, endpoint, what + " exit " + r.exitCode + ": " + e.getMessage() + stderr(r),
          0, e);
    }
    if (r.readFailure instanceof BoundedSource.TooLarge e) {
      return fail(ErrorKind.BAD_PAYLOAD, endpoint, what + ": output " + e.getMessage(), 0, e);
    }
    if (r.readFailure instanceof InterruptedIOException e) {
      return fail(ErrorKind.TIMEOUT, endpoint, what + ": " + e.getMessage(), 0, e);
    }
    if (err.contains("unable to contact slurm controller") || err.contains("connection refused")
        || err.contains("unable to connect to database") || err.contains("slurmdbd")) {
      return fail(ErrorKind.UNREACHABLE, endpoint, what + " exit " + r.exitCode + stderr(r), 0, null);
    }
    if (err.contains("authentication") || err.contains("invalid user") || err.contains("access denied")) {
      return fail(ErrorKind.AUTH, endpoint, what + " exit " + r.exitCode + stderr(r), 0, null);
    }
    String detail = r.exitCode == 0 ? what + " printed nothing" : what + " exit " + r.exitCode;
    return fail(ErrorKind.HTTP_STATUS, endpoint, detail + stderr(r), 0, r.readFailure);
  }

  private SlurmSourceException slurmErrors(Endpoint endpoint, String what, CommandRunner.Result<? extends SlurmResponse<?>> r) {
    List<SlurmMessage> errors = r.value.errors();
    SlurmMessage first = errors.get(0);
    String detail = what + " exit " + r.exitCode + ": " + first.summary()
        + (errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "") + stderr(r);
    for (SlurmMessage m : errors) {
      String text = (m.error() + " " + m.description()).toLowerCase(Locale.ROOT);
      if (m.errno() == 1007 || text.contains("authentication")) return fail(ErrorKind.AUTH, endpoint, detail, m.errno(), null);
      if (m.errno() == 1800 || text.contains("unable to contact slurm controller")) {
        return fail(ErrorKind.UNREACHABLE, endpoint, detail, m.errno(), null);
      }
    }
    return fail(ErrorKind.SLURM_ERROR, endpoint, detail, first.errno(), null);
  }

  private static String stderr(CommandRunner.Result<?> r) {
    return r.stderr.isEmpty() ? "" : "; stderr: " + r.stderr;
  }

  private static String commands(List<List<String>> candidates) {
    List<String> out = new ArrayList<>();
    for (List<String> c : candidates) out.add("`" + String.join(" ", c) + "`");
    return String.join(" or ", out);
  }

  private SlurmSourceException fail(ErrorKind kind, Endpoint endpoint, String detail, int errno, Throwable cause) {
    return new SlurmSourceException(kind, name, endpoint, detail.replaceAll("[\\r\\n]+", " "), errno, cause);
  }

  /** Configures a {@link CliSource}. Nothing is required: by default the commands are found on PATH. */
  public static final class Builder {
    private Path binDir;
    private Path slurmConf;
    private Duration timeout = Duration.ofSeconds(30);
    private long maxOutputBytes = 256L * 1024 * 1024;
    private String clusterName = "";
    private ZoneId zone = ZoneId.systemDefault();

    private Builder() {}

    /** The directory holding {@code sinfo}, {@code squeue}, ... (default: PATH). */
    public Builder binDir(Path binDir) {
      this.binDir = Objects.requireNonNull(binDir, "binDir");
      return this;
    }

    /** Exported as {@code SLURM_CONF} to every command (default: inherited). */
    public Builder slurmConf(Path slurmConf) {
      this.slurmConf = Objects.requireNonNull(slurmConf, "slurmConf");
      return this;
    }

    /** The deadline per command; a command still running then is killed (default 30 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0: " + timeout);
      this.timeout = timeout;
      return this;
    }

    /** The most stdout bytes read from one command (default 256 MiB); more is a bad payload. */
    public Builder maxOutputBytes(long maxOutputBytes) {
      if (maxOutputBytes <= 0) throw new IllegalArgumentException("maxOutputBytes must be > 0: " + maxOutputBytes);
      this.maxOutputBytes = maxOutputBytes;
      return this;
    }

    /** The cluster name to report instead of asking {@code scontrol show config}. */
    public Builder clusterName(String clusterName) {
      this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
      return this;
    }

    /** The time zone the Slurm commands interpret {@code sacct -S/-E} in (default: this JVM's). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** The configured source; no command runs until the first call. */
    public CliSource build() {
      return new CliSource(this);
    }
  }
}
