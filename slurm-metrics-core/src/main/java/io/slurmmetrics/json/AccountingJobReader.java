package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** One job of {@code /slurmdb/.../jobs} or {@code sacct --json}, with its steps' CPU time and peak RSS. */
final class AccountingJobReader {
  /** The job keys we read, by index into {@link #JOB}; every other key of slurmdb's job is skipped as bytes. */
  private static final String[] JOB_KEYS = {
      "job_id", "array", "het", "name", "user", "account", "partition", "qos", "state", "exit_code", "time",
      "tres", "steps"};
  private static final KeyTable JOB = new KeyTable(List.of(JOB_KEYS), List.of(
      "allocation_nodes", "association", "block", "cluster", "comment", "constraints", "container",
      "derived_exit_code", "exclusive", "extra", "failed_node", "flags", "group", "hold", "kill_request_user",
      "licenses", "mcs", "nodes", "original_sluid", "oversubscribe", "priority", "qosreq", "required",
      "reservation", "restart_cnt", "script", "segment_size", "sluid", "stderr", "stderr_expanded", "stdin",
      "stdin_expanded", "stdout", "stdout_expanded", "submit_line", "used_gres", "wckey", "working_directory"));
  /** Likewise for each step. */
  private static final String[] STEP_KEYS = {"time", "tres", "step"};
  private static final KeyTable STEP = new KeyTable(List.of(STEP_KEYS), List.of(
      "CPU", "exit_code", "kill_request_user", "nodes", "pid", "state", "statistics", "submit_line", "task",
      "tasks"));

  private AccountingJobReader() {}

  static AccountingJob read(JsonReader r, int index) throws IOException {
    SlurmNumber jobId = SlurmNumber.UNSET;
    AccountingJob.Builder b = null;
    long arrayJobId = 0;
    SlurmNumber arrayTaskId = SlurmNumber.UNSET;
    long hetJobId = 0;
    SlurmNumber hetOffset = SlurmNumber.UNSET;
    String name = "";
    String user = "";
    String account = "";
    String partition = "";
    String qos = "";
    List<String> state = new ArrayList<>();
    int exitCode = 0;
    Times times = new Times();
    Tres alloc = Tres.EMPTY;
    Tres req = Tres.EMPTY;
    Steps steps = new Steps();

    r.beginObject();
    while (r.hasNext()) {
      int key = JOB.next(r);
      if (key < 0) {
        r.skipValue();
        continue;
      }
      switch (JOB_KEYS[key]) {
        case "job_id":
          jobId = NumberReader.read(r);
          break;
        case "array":
          r.beginObject();
          while (r.hasNext()) {
            switch (r.nextName()) {
              case "job_id": arrayJobId = NumberReader.read(r).orElse(0); break;
              case "task_id": arrayTaskId = NumberReader.read(r); break;
              default: r.skipValue();
            }
          }
          r.endObject();
          break;
        case "het":
          r.beginObject();
          while (r.hasNext()) {
            switch (r.nextName()) {
              case "job_id": hetJobId = NumberReader.read(r).orElse(0); break;
              case "job_offset": hetOffset = NumberReader.read(r); break;
              default: r.skipValue();
            }
          }
          r.endObject();
          break;
        case "name":
          name = JsonValues.string(r);
          break;
        case "user":
          user = JsonValues.label(r);
          break;
        case "account":
          account = JsonValues.label(r);
          break;
        case "partition":
          partition = JsonValues.label(r);
          break;
        case "qos":
          qos = JsonValues.label(r);
          break;
        case "state":
          state = readState(r);
          break;
        case "exit_code":
          exitCode = ExitCodes.read(r);
          break;
        case "time":
          times.read(r);
          break;
        case "tres":
          r.beginObject();
          while (r.hasNext()) {
            switch (r.nextName()) {
              case "allocated": alloc = TresParser.readArray(r, true); break;
              case "requested": req = TresParser.readArray(r, true); break;
              default: r.skipValue();
            }
          }
          r.endObject();
          break;
        case "steps":
          steps.read(r);
          break;
        default:
          r.skipValue();
      }
    }
    r.endObject();
    if (!jobId.isSet()) throw PayloadError.missing("job_id", "jobs[" + index + "]");

    Duration cpu = times.total.isZero() ? steps.cpu : times.total;
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
        .maxRssBytes(steps.maxRss)
        .build();
  }

  /** {@code {"current": "COMPLETED"}} (v0.0.38), {@code {"current": ["COMPLETED"]}} (v0.0.40+), or a bare state. */
  private static List<String> readState(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return StateReader.tokens(r);
    List<String> out = new ArrayList<>();
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextName().equals("current")) out = StateReader.tokens(r);
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
        switch (r.nextName()) {
          case "submission": submit = JsonValues.time(r); break;
          case "eligible": eligible = JsonValues.time(r); break;
          case "start": start = JsonValues.time(r); break;
          case "end": end = JsonValues.time(r); break;
          case "elapsed": elapsed = Duration.ofSeconds(Math.max(0, NumberReader.read(r).orElse(0))); break;
          case "total": total = JsonValues.secondsMicros(r); break;
          default: r.skipValue();
        }
      }
      r.endObject();
    }
  }

  /** Sums CPU time and keeps the largest {@code mem} of {@code tres.requested.max} (bytes) over the steps. */
  private static final class Steps {
    Duration cpu = Duration.ZERO;
    OptionalLong maxRss = OptionalLong.empty();

    void read(JsonReader r) throws IOException {
      if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
        r.skipValue();
        return;
      }
      r.beginArray();
      while (r.hasNext()) {
        r.beginObject();
        while (r.hasNext()) {
          int key = STEP.next(r);
          if (key < 0) {
            r.skipValue();
            continue;
          }
          switch (STEP_KEYS[key]) {
            case "time":
              r.beginObject();
              while (r.hasNext()) {
                if (r.nextName().equals("total")) cpu = cpu.plus(JsonValues.secondsMicros(r));
                else r.skipValue();
              }
              r.endObject();
              break;
            case "tres":
              readStepTres(r);
              break;
            case "step":
              StepIds.read(r); // three shapes; read to validate the shape, the model keeps jobs, not steps
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
        if (!r.nextName().equals("requested")) {
          r.skipValue();
          continue;
        }
        r.beginObject();
        while (r.hasNext()) {
          if (!r.nextName().equals("max")) {
            r.skipValue();
            continue;
          }
          Tres max = TresParser.readArray(r, false);
          if (max.counts().containsKey("mem")) {
            long rss = max.memoryBytes();
            if (maxRss.isEmpty() || rss > maxRss.getAsLong()) maxRss = OptionalLong.of(rss);
          }
        }
        r.endObject();
      }
      r.endObject();
    }
  }

  /** Exit codes in three shapes. */
  static final class ExitCodes {
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
        switch (r.nextName()) {
          case "status":
            status = StateReader.tokens(r);
            break;
          case "return_code":
            returnCode = NumberReader.read(r).orElse(0);
            hasReturnCode = true;
            break;
          case "signal":
            signal = readSignal(r);
            break;
          case "number": // v0.0.39: a uint32_no_val around a raw wait status
            waitStatus = NumberReader.read(r);
            numberShape = true;
            break;
          default:
            r.skipValue();
        }
      }
      r.endObject();
      if (numberShape && status.isEmpty() && !hasReturnCode) return fromWaitStatus(waitStatus);
      boolean signaled = status.stream().anyMatch(s -> s.toUpperCase(Locale.ROOT).equals("SIGNALED"));
      if (signaled && signal > 0) return (int) -signal;
      return (int) returnCode;
    }

    private static long readSignal(JsonReader r) throws IOException {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return NumberReader.read(r).orElse(0);
      long id = 0;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.nextName()) {
          case "id":
          case "signal_id":
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
