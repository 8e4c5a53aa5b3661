package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One job of {@code /slurmdb/.../jobs} or {@code sacct --json}, with its steps' CPU time and peak RSS.
 *
 * <p>This runs for every job of every accounting answer (a million a day on a large cluster, ~4-8 KB each), so every
 * key is matched in the reader's buffer through a {@link KeyTable} and everything not needed (most of a job, a step's
 * statistics, consumed and allocated TRES, its id) is skipped without becoming a String.
 */
final class AccountingJobReader {
  private static final int JOB_ID = 0;
  private static final int ARRAY = 1;
  private static final int HET = 2;
  private static final int NAME = 3;
  private static final int USER = 4;
  private static final int ACCOUNT = 5;
  private static final int PARTITION = 6;
  private static final int QOS = 7;
  private static final int STATE = 8;
  private static final int EXIT_CODE = 9;
  private static final int TIME = 10;
  private static final int TRES = 11;
  private static final int STEPS = 12;
  /** The job keys we read, by the indexes above; every other key of slurmdb's job is skipped as bytes. */
  private static final KeyTable JOB = new KeyTable(List.of(
      "job_id", "array", "het", "name", "user", "account", "partition", "qos", "state", "exit_code", "time",
      "tres", "steps"), List.of(
      "allocation_nodes", "association", "block", "cluster", "comment", "constraints", "container",
      "derived_exit_code", "exclusive", "extra", "failed_node", "flags", "group", "hold", "kill_request_user",
      "licenses", "mcs", "nodes", "original_sluid", "oversubscribe", "priority", "qosreq", "required",
      "reservation", "restart_cnt", "script", "segment_size", "sluid", "stderr", "stderr_expanded", "stdin",
      "stdin_expanded", "stdout", "stdout_expanded", "submit_line", "used_gres", "wckey", "working_directory"));
  /** {@code array} and {@code het}: the id (0) and the task id or component offset (1). */
  private static final KeyTable ARRAY_KEYS = new KeyTable(List.of("job_id", "task_id"), List.of("limits", "task"));
  private static final KeyTable HET_KEYS = new KeyTable(List.of("job_id", "job_offset"), List.of());
  private static final KeyTable TIME_KEYS = new KeyTable(
      List.of("submission", "eligible", "start", "end", "elapsed", "total"),
      List.of("limit", "planned", "suspended", "system", "user"));
  private static final KeyTable TRES_KEYS = new KeyTable(List.of("allocated", "requested"), List.of());
  private static final KeyTable STATE_KEYS = new KeyTable(List.of("current"), List.of("reason"));
  /** Likewise for each step: its time (0) and TRES (1); the rest, {@code step} (its id) included, is skipped. */
  private static final KeyTable STEP = new KeyTable(List.of("time", "tres"), List.of(
      "CPU", "exit_code", "kill_request_user", "nodes", "pid", "state", "statistics", "step", "submit_line", "task",
      "tasks"));
  private static final KeyTable STEP_TIME = new KeyTable(List.of("total"),
      List.of("elapsed", "end", "start", "suspended", "system", "user", "limit"));
  private static final KeyTable STEP_TRES = new KeyTable(List.of("requested"), List.of("allocated", "consumed"));
  private static final KeyTable REQUESTED = new KeyTable(List.of("max"), List.of("average", "min", "total"));

  private AccountingJobReader() {}

  static AccountingJob read(JsonReader r, int index) throws IOException {
    SlurmNumber jobId = SlurmNumber.UNSET;
    long arrayJobId = 0;
    SlurmNumber arrayTaskId = SlurmNumber.UNSET;
    long hetJobId = 0;
    SlurmNumber hetOffset = SlurmNumber.UNSET;
    String name = "";
    String user = "";
    String account = "";
    String partition = "";
    String qos = "";
    List<String> state = List.of();
    int exitCode = 0;
    Times times = new Times();
    Tres alloc = Tres.EMPTY;
    Tres req = Tres.EMPTY;
    Steps steps = new Steps();

    r.beginObject();
    while (r.hasNext()) {
      switch (JOB.next(r)) {
        case JOB_ID:
          jobId = NumberReader.read(r);
          break;
        case ARRAY:
          r.beginObject();
          while (r.hasNext()) {
            switch (ARRAY_KEYS.next(r)) {
              case 0: arrayJobId = NumberReader.read(r).orElse(0); break;
              case 1: arrayTaskId = NumberReader.read(r); break;
              default: r.skipValue();
            }
          }
          r.endObject();
          break;
        case HET:
          r.beginObject();
          while (r.hasNext()) {
            switch (HET_KEYS.next(r)) {
              case 0: hetJobId = NumberReader.read(r).orElse(0); break;
              case 1: hetOffset = NumberReader.read(r); break;
              default: r.skipValue();
            }
          }
          r.endObject();
          break;
        case NAME:
          name = JsonValues.string(r);
          break;
        case USER:
          user = JsonValues.label(r);
          break;
        case ACCOUNT:
          account = JsonValues.label(r);
          break;
        case PARTITION:
          partition = JsonValues.label(r);
          break;
        case QOS:
          qos = JsonValues.label(r);
          break;
        case STATE:
          state = readState(r);
          break;
        case EXIT_CODE:
          exitCode = ExitCodes.read(r);
          break;
        case TIME:
          times.read(r);
          break;
        case TRES:
          r.beginObject();
          while (r.hasNext()) {
            switch (TRES_KEYS.next(r)) {
              case 0: alloc = TresParser.readArray(r, true); break;
              case 1: req = TresParser.readArray(r, true); break;
              default: r.skipValue();
            }
          }
          r.endObject();
          break;
        case STEPS:
          steps.read(r);
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (!jobId.isSet()) throw PayloadError.missing("job_id", "jobs[" + index + "]");

    Duration cpu = times.total.isZero() ? steps.cpu() : times.total;
    return AccountingJob.builder(jobId.longValue())
        .arrayJobId(arrayJobId)
        .arrayTaskId(arrayJobId != 0 ? arrayTaskId.asOptional() : OptionalLong.empty())
        .hetJobId(hetJobId)
        .hetJobOffset(hetJobId != 0 ? hetOffset.asOptional() : OptionalLong.empty())
        .name(name)
        .user(user)
        .account(account)
        .partition(partition)
        .qos(qos)
        .state(StateReader.of(state))
        .exitCode(exitCode)
        .submitTime(times.submit)
        .eligibleTime(times.eligible)
        .startTime(times.start)
        .endTime(times.end)
        .elapsed(times.elapsed)
        .tresAllocated(alloc)
        .tresRequested(req)
        .totalCpuTime(cpu)
        .maxRssBytes(steps.maxRss < 0 ? OptionalLong.empty() : OptionalLong.of(steps.maxRss))
        .build();
  }

  /** {@code {"current": "COMPLETED"}} (v0.0.38), {@code {"current": ["COMPLETED"]}} (v0.0.40+), or a bare state. */
  private static List<String> readState(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return StateReader.tokens(r);
    List<String> out = List.of();
    r.beginObject();
    while (r.hasNext()) {
      if (STATE_KEYS.next(r) == 0) out = StateReader.tokens(r);
      else r.skipValue();
    }
    r.endObject();
    return out;
  }

  private static final class Times {
    Optional<Instant> submit = Optional.empty();
    Optional<Instant> eligible = Optional.empty();
    Optional<Instant> start = Optional.empty();
    Optional<Instant> end = Optional.empty();
    Duration elapsed = Duration.ZERO;
    Duration total = Duration.ZERO;

    void read(JsonReader r) throws IOException {
      r.beginObject();
      while (r.hasNext()) {
        switch (TIME_KEYS.next(r)) {
          case 0: submit = JsonValues.time(r); break;
          case 1: eligible = JsonValues.time(r); break;
          case 2: start = JsonValues.time(r); break;
          case 3: end = JsonValues.time(r); break;
          case 4: elapsed = Duration.ofSeconds(Math.max(0, NumberReader.read(r).orElse(0))); break;
          case 5: total = JsonValues.secondsMicros(r); break;
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
  private static final class Steps {
    long cpuMicros;
    long maxRss = -1;

    Duration cpu() {
      return Duration.ofSeconds(cpuMicros / 1_000_000, (cpuMicros % 1_000_000) * 1000);
    }

    void read(JsonReader r) throws IOException {
      if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
        r.skipValue();
        return;
      }
      r.beginArray();
      while (r.hasNext()) {
        r.beginObject();
        while (r.hasNext()) {
          switch (STEP.next(r)) {
            case 0:
              r.beginObject();
              while (r.hasNext()) {
                if (STEP_TIME.next(r) == 0) {
                  Duration d = JsonValues.secondsMicros(r);
                  cpuMicros += d.getSeconds() * 1_000_000 + d.getNano() / 1000;
                } else {
                  r.skipValue();
                }
              }
              r.endObject();
              break;
            case 1:
              readStepTres(r);
              break;
            default:
              r.skipValue();
          }
        }
        r.endObject();
      }
      r.endArray();
    }

    private void readStepTres(JsonReader r) throws IOException {
      r.beginObject();
      while (r.hasNext()) {
        if (STEP_TRES.next(r) != 0) {
          r.skipValue();
          continue;
        }
        r.beginObject();
        while (r.hasNext()) {
          if (REQUESTED.next(r) != 0) {
            r.skipValue();
            continue;
          }
          maxRss = Math.max(maxRss, TresParser.readArrayCount(r, "mem"));
        }
        r.endObject();
      }
      r.endObject();
    }
  }

  /** Exit codes in three shapes. */
  static final class ExitCodes {
    private static final KeyTable KEYS = new KeyTable(List.of("status", "return_code", "signal", "number"),
        List.of("set", "infinite"));
    private static final KeyTable SIGNAL_KEYS = new KeyTable(List.of("id", "signal_id"), List.of("name"));

    private ExitCodes() {}

    /**
     * A raw wait status ({@code 256} = exit 1; 22.05 {@code /slurm/.../jobs}), {@code {"status": "SIGNALED",
     * "return_code": 0, "signal": {"signal_id": 9}}} (v0.0.38/39), or {@code {"status": ["SIGNALED"],
     * "return_code": {"number": 0}, "signal": {"id": {"number": 9}}}} (v0.0.40+). Signals come out negative.
     */
    static int read(JsonReader r) throws IOException {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return fromWaitStatus(NumberReader.read(r));
      List<String> status = List.of();
      long returnCode = 0;
      long signal = 0;
      boolean hasReturnCode = false;
      SlurmNumber waitStatus = SlurmNumber.UNSET;
      boolean numberShape = false;
      r.beginObject();
      while (r.hasNext()) {
        switch (KEYS.next(r)) {
          case 0:
            status = StateReader.tokens(r);
            break;
          case 1:
            returnCode = NumberReader.read(r).orElse(0);
            hasReturnCode = true;
            break;
          case 2:
            signal = readSignal(r);
            break;
          case 3: // v0.0.39: a uint32_no_val around a raw wait status
            waitStatus = NumberReader.read(r);
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

    private static long readSignal(JsonReader r) throws IOException {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return NumberReader.read(r).orElse(0);
      long id = 0;
      r.beginObject();
      while (r.hasNext()) {
        switch (SIGNAL_KEYS.next(r)) {
          case 0:
          case 1:
            id = NumberReader.read(r).orElse(0);
            break;
          default:
            r.skipValue();
        }
      }
      r.endObject();
      return id;
    }

    static int fromWaitStatus(SlurmNumber n) {
      if (!n.isSet()) return 0;
      long status = n.longValue();
      int sig = (int) (status & 0x7f);
      if (sig != 0) return -sig;
      return (int) ((status >> 8) & 0xff);
    }
  }
}
