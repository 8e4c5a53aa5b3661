package io.slurmmetrics.json;

import static io.slurmmetrics.json.ByteValues.isObject;
import static io.slurmmetrics.json.ByteValues.longOr;
import static io.slurmmetrics.json.ByteValues.number;
import static io.slurmmetrics.json.ByteValues.secondsMicros;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.State;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One job of {@code /slurmdb/.../jobs} or {@code sacct --json}, with its steps' CPU time and peak RSS.
 *
 * <p>This runs for every job of every accounting answer (a million a day on a large cluster, 5-12 KB each), so it
 * reads raw bytes ({@link ByteJsonReader}): only the keys below are looked at, everything else of a job (most of it:
 * a step's statistics, consumed and allocated TRES, its id) is skipped by brackets and quotes. Values that repeat
 * (user, account, state, TRES names) are decoded once per answer. One instance per answer; not thread-safe.
 */
final class AccountingJobReader {
  /** The job keys read, by their index in the switch below; then every other key of slurmdb's job, skipped. */
  private static final ByteKeyTable JOB = new ByteKeyTable(List.of(
      "job_id", "array", "het", "name", "user", "account", "partition", "qos", "state", "exit_code", "time",
      "tres", "steps"), List.of(
      "allocation_nodes", "association", "block", "cluster", "comment", "constraints", "container",
      "derived_exit_code", "exclusive", "extra", "failed_node", "flags", "group", "hold", "kill_request_user",
      "licenses", "mcs", "nodes", "original_sluid", "oversubscribe", "priority", "qosreq", "required",
      "reservation", "restart_cnt", "script", "segment_size", "sluid", "stderr", "stderr_expanded", "stdin",
      "stdin_expanded", "stdout", "stdout_expanded", "submit_line", "used_gres", "wckey", "working_directory"));
  /** {@code array} and {@code het}: the id (0) and the task id or component offset (1). */
  private static final ByteKeyTable ARRAY_KEYS =
      new ByteKeyTable(List.of("job_id", "task_id"), List.of("limits", "task"));
  private static final ByteKeyTable HET_KEYS = new ByteKeyTable("job_id", "job_offset");
  private static final ByteKeyTable TIME_KEYS = new ByteKeyTable(
      List.of("submission", "eligible", "start", "end", "elapsed", "total"),
      List.of("limit", "planned", "suspended", "system", "user"));
  private static final ByteKeyTable TRES_KEYS = new ByteKeyTable("allocated", "requested");
  private static final ByteKeyTable STATE_KEYS =
      new ByteKeyTable(List.of("current"), List.of("reason"));
  /** Likewise for each step: its time (0) and TRES (1); the rest, {@code step} (its id) included, is skipped. */
  private static final ByteKeyTable STEP = new ByteKeyTable(List.of("time", "tres"), List.of(
      "CPU", "exit_code", "kill_request_user", "nodes", "pid", "state", "statistics", "step", "submit_line", "task",
      "tasks"));
  private static final ByteKeyTable STEP_TIME = new ByteKeyTable(List.of("total"),
      List.of("elapsed", "end", "start", "suspended", "system", "user", "limit"));
  private static final ByteKeyTable STEP_TRES =
      new ByteKeyTable(List.of("requested"), List.of("allocated", "consumed"));
  private static final ByteKeyTable REQUESTED =
      new ByteKeyTable(List.of("max"), List.of("average", "min", "total"));
  private static final ByteKeyTable EXIT_KEYS = new ByteKeyTable(
      List.of("status", "return_code", "signal", "number"), List.of("set", "infinite"));
  private static final ByteKeyTable SIGNAL_KEYS =
      new ByteKeyTable(List.of("id", "signal_id"), List.of("name"));

  private final ByteValues values = new ByteValues();
  /** The answer's states by their tokens: a few distinct ones over tens of thousands of jobs (bounded). */
  private final Map<List<String>, State> states = new HashMap<>();

  /** A job id that is missing, unset or infinite. */
  private static final long NO_JOB_ID = Long.MIN_VALUE;

  // one job's parts, set by the small readers below and reset for each job (one instance per answer)
  private final Times times = new Times();
  private final Steps steps = new Steps();
  private long arrayJobId;
  private SlurmNumber arrayTaskId;
  private long hetJobId;
  private SlurmNumber hetOffset;
  private Tres alloc;
  private Tres req;

  AccountingJob read(ByteJsonReader r, int index) throws IOException {
    long jobId = NO_JOB_ID;
    arrayJobId = 0;
    arrayTaskId = SlurmNumber.UNSET;
    hetJobId = 0;
    hetOffset = SlurmNumber.UNSET;
    alloc = Tres.EMPTY;
    req = Tres.EMPTY;
    String name = "";
    String user = "";
    String account = "";
    String partition = "";
    String qos = "";
    State state = null;
    int exitCode = 0;
    times.reset();
    steps.reset();

    // every part read by a method of its own: one method for all of them grew past what the JIT inlines into
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(JOB)) {
        case 0: jobId = longOr(r, NO_JOB_ID); break;
        case 1: readArray(r); break;
        case 2: readHet(r); break;
        case 3: name = r.nextString(); break;
        case 4: user = values.label(r); break;
        case 5: account = values.label(r); break;
        case 6: partition = values.label(r); break;
        case 7: qos = values.label(r); break;
        case 8: state = seenStates.read(r, stateReader); break;
        case 9: exitCode = seenExitCodes.read(r, exitCodeReader); break;
        case 10: times.read(r); break;
        case 11: readSeenTres(r); break;
        case 12: steps.read(r, times.total.isZero()); break;
        default: jobSkips.skip(r);
      }
    }
    r.endObject();
    if (jobId == NO_JOB_ID) throw PayloadError.missing("job_id", "jobs[" + index + "]");

    Duration cpu = times.total.isZero() ? steps.cpu() : times.total;
    // the canonical constructor, not the builder: one object less per job (a million a day), as JobReader does
    return new AccountingJob(jobId, arrayJobId, arrayJobId != 0 ? arrayTaskId.asOptional() : OptionalLong.empty(),
        hetJobId, hetJobId != 0 ? hetOffset.asOptional() : OptionalLong.empty(), name, user, account, partition, qos,
        state != null ? state : state(List.of()), exitCode, times.submit, times.eligible, times.start, times.end,
        times.elapsed, alloc, req, cpu,
        steps.maxRss < 0 ? OptionalLong.empty() : OptionalLong.of(steps.maxRss));
  }

  private void readArray(ByteJsonReader r) throws IOException {
    if (!isObject(r)) return;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(ARRAY_KEYS)) {
        case 0: arrayJobId = longOr(r, 0); break;
        case 1: arrayTaskId = number(r); break;
        default: r.skipValue();
      }
    }
    r.endObject();
  }

  private void readHet(ByteJsonReader r) throws IOException {
    if (!isObject(r)) return;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(HET_KEYS)) {
        case 0: hetJobId = longOr(r, 0); break;
        case 1: hetOffset = number(r); break;
        default: r.skipValue();
      }
    }
    r.endObject();
  }

  // ---- the parts that repeat from job to job: read once per answer, then found by their bytes ----

  // the skipped parts that repeat from job to job, compared before they are skipped (bounded: keys x 4 x 2 KiB)
  private final RepeatedSkips jobSkips = new RepeatedSkips(JOB, SKIP_BYTES);
  private final RepeatedSkips stepSkips = new RepeatedSkips(STEP, SKIP_BYTES);
  private final RepeatedSkips stepTresSkips = new RepeatedSkips(STEP_TRES, SKIP_BYTES);
  private final RepeatedSkips requestedSkips = new RepeatedSkips(REQUESTED, SKIP_BYTES);
  private static final int SKIP_BYTES = 2048;

  private final SeenValues<Tres[]> seenTres = new SeenValues<>(256, 4096);
  private final SeenValues<State> seenStates = new SeenValues<>(64, 1024);
  private final SeenValues<Integer> seenExitCodes = new SeenValues<>(64, 1024);
  // created once: each runs only for a value the answer had not shown before
  private final SeenValues.Reader<Tres[]> tresReader = r -> {
    readTres(r);
    return new Tres[] {alloc, req};
  };
  private final SeenValues.Reader<State> stateReader = r -> state(readState(r));
  private final SeenValues.Reader<Integer> exitCodeReader = this::exitCode;

  private void readSeenTres(ByteJsonReader r) throws IOException {
    Tres[] both = seenTres.read(r, tresReader);
    alloc = both[0];
    req = both[1];
  }

  private void readTres(ByteJsonReader r) throws IOException {
    if (!isObject(r)) return;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(TRES_KEYS)) {
        case 0: alloc = values.tresArray(r, true); break;
        case 1: req = values.tresArray(r, true); break;
        default: r.skipValue();
      }
    }
    r.endObject();
  }

  private State state(List<String> tokens) {
    State known = states.get(tokens);
    if (known != null) return known;
    State s = StateReader.of(tokens);
    if (states.size() < 256) states.put(List.copyOf(tokens), s);
    return s;
  }

  /** Epoch seconds in any number shape; {@code 0} and unset are empty (as {@link JsonValues#time}). */
  private static Optional<Instant> time(ByteJsonReader r) throws IOException {
    return JsonValues.instant(longOr(r, 0));
  }

  // ---- state and exit code ----

  /** {@code {"current": "COMPLETED"}} (v0.0.38), {@code {"current": ["COMPLETED"]}} (v0.0.40+), or a bare state. */
  private List<String> readState(ByteJsonReader r) throws IOException {
    stateTokens.clear();
    if (r.peek() != ByteJsonReader.OBJECT) {
      values.tokens(r, stateTokens);
      return stateTokens;
    }
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextKey(STATE_KEYS) == 0) {
        stateTokens.clear();
        values.tokens(r, stateTokens);
      } else {
        r.skipValue();
      }
    }
    r.endObject();
    return stateTokens;
  }

  /** A job's state tokens, reused from job to job: {@link #state} copies them when it keeps them. */
  private final List<String> stateTokens = new ArrayList<>(4);

  private List<String> tokens(ByteJsonReader r) throws IOException {
    List<String> out = new ArrayList<>(2);
    values.tokens(r, out);
    return out;
  }

  /**
   * Exit codes in three shapes: a raw wait status ({@code 256} = exit 1), {@code {"status": "SIGNALED",
   * "return_code": 0, "signal": {"signal_id": 9}}} (v0.0.38/39), or {@code {"status": ["SIGNALED"], "return_code":
   * {"number": 0}, "signal": {"id": {"number": 9}}}} (v0.0.40+). Signals come out negative.
   */
  int exitCode(ByteJsonReader r) throws IOException {
    if (r.peek() != ByteJsonReader.OBJECT) return fromWaitStatus(number(r));
    List<String> status = List.of();
    long returnCode = 0;
    long signal = 0;
    boolean hasReturnCode = false;
    SlurmNumber waitStatus = SlurmNumber.UNSET;
    boolean numberShape = false;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(EXIT_KEYS)) {
        case 0:
          status = tokens(r);
          break;
        case 1:
          returnCode = longOr(r, 0);
          hasReturnCode = true;
          break;
        case 2:
          signal = signal(r);
          break;
        case 3: // v0.0.39: a uint32_no_val around a raw wait status
          waitStatus = number(r);
          numberShape = true;
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (numberShape && status.isEmpty() && !hasReturnCode) return fromWaitStatus(waitStatus);
    if (signal > 0) {
      for (String s : status) {
        if (s.equalsIgnoreCase("SIGNALED")) return (int) -signal;
      }
    }
    return (int) returnCode;
  }

  private static long signal(ByteJsonReader r) throws IOException {
    if (r.peek() != ByteJsonReader.OBJECT) return longOr(r, 0);
    long id = 0;
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextKey(SIGNAL_KEYS) >= 0) id = longOr(r, 0);
      else r.skipValue();
    }
    r.endObject();
    return id;
  }

  private static int fromWaitStatus(SlurmNumber n) {
    if (!n.isSet()) return 0;
    long status = n.longValue();
    int sig = (int) (status & 0x7f);
    if (sig != 0) return -sig;
    return (int) ((status >> 8) & 0xff);
  }

  private static final class Times {
    Optional<Instant> submit = Optional.empty();
    Optional<Instant> eligible = Optional.empty();
    Optional<Instant> start = Optional.empty();
    Optional<Instant> end = Optional.empty();
    Duration elapsed = Duration.ZERO;
    Duration total = Duration.ZERO;

    void reset() {
      submit = Optional.empty();
      eligible = Optional.empty();
      start = Optional.empty();
      end = Optional.empty();
      elapsed = Duration.ZERO;
      total = Duration.ZERO;
    }

    void read(ByteJsonReader r) throws IOException {
      if (!isObject(r)) return;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.nextKey(TIME_KEYS)) {
          case 0: submit = time(r); break;
          case 1: eligible = time(r); break;
          case 2: start = time(r); break;
          case 3: end = time(r); break;
          case 4: elapsed = Duration.ofSeconds(Math.max(0, longOr(r, 0))); break;
          case 5: total = secondsMicros(r); break;
          default: r.skipValue();
        }
      }
      r.endObject();
    }
  }

  /**
   * Sums CPU time (microseconds) and keeps the largest {@code mem} of {@code tres.requested.max} (bytes; -1: none)
   * over the steps.
   */
  private final class Steps {
    long cpuMicros;
    long maxRss = -1;

    void reset() {
      cpuMicros = 0;
      maxRss = -1;
    }

    Duration cpu() {
      return Duration.ofSeconds(cpuMicros / 1_000_000, (cpuMicros % 1_000_000) * 1000);
    }

    /**
     * {@code needCpu}: whether the steps' CPU time is wanted (the job's own total is zero; Slurm writes {@code time}
     * before {@code steps}, so this is known by then, and a job that has its total skips the steps' times).
     */
    void read(ByteJsonReader r, boolean needCpu) throws IOException {
      if (r.peek() != ByteJsonReader.ARRAY) {
        r.skipValue();
        return;
      }
      r.beginArray();
      while (r.hasNext()) {
        if (isObject(r)) readStep(r, needCpu);
      }
      r.endArray();
    }

    private void readStep(ByteJsonReader r, boolean needCpu) throws IOException {
      r.beginObject();
      while (r.hasNext()) {
        switch (r.nextKey(STEP)) {
          case 0:
            if (needCpu) readStepTime(r);
            else r.skipValue();
            break;
          case 1: readStepTres(r); break;
          default: stepSkips.skip(r);
        }
      }
      r.endObject();
    }

    private void readStepTime(ByteJsonReader r) throws IOException {
      if (!isObject(r)) return;
      r.beginObject();
      while (r.hasNext()) {
        if (r.nextKey(STEP_TIME) == 0) {
          Duration d = secondsMicros(r);
          cpuMicros += d.getSeconds() * 1_000_000 + d.getNano() / 1000;
        } else {
          r.skipValue();
        }
      }
      r.endObject();
    }

    private void readStepTres(ByteJsonReader r) throws IOException {
      if (!isObject(r)) return;
      r.beginObject();
      while (r.hasNext()) {
        if (r.nextKey(STEP_TRES) != 0) {
          stepTresSkips.skip(r);
          continue;
        }
        if (!isObject(r)) continue;
        r.beginObject();
        while (r.hasNext()) {
          if (r.nextKey(REQUESTED) != 0) {
            requestedSkips.skip(r);
            continue;
          }
          maxRss = Math.max(maxRss, values.tresCount(r, "mem"));
        }
        r.endObject();
      }
      r.endObject();
    }
  }
}
