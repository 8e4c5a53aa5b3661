package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.model.State;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of one job of {@code /slurmdb/.../jobs?state=RUNNING} or {@code sacct --json -s R}: each step's id, name,
 * state, start, elapsed time, nodes, tasks and allocated TRES (CPUs, memory in MiB, GPUs). slurmctld has no live step
 * endpoint in slurmrestd, so this is where running steps are read. Only what a running step already has is read:
 * usage ({@code tres.consumed}, {@code time.total}) reaches slurmdbd at the step's end.
 */
final class StepReader {
  private static final String[] JOB_KEYS = {"job_id", "array", "het", "steps"};
  /** The running-jobs answer is small (running jobs only): unknown keys simply take Moshi's slower path. */
  private static final KeyTable JOB = new KeyTable(List.of(JOB_KEYS), List.of());
  private static final String[] STEP_KEYS = {"step", "state", "time", "nodes", "tasks", "tres"};
  private static final KeyTable STEP = new KeyTable(List.of(STEP_KEYS), List.of());

  private StepReader() {}

  /** The steps of {@code jobs[index]}, in Slurm's order. */
  static List<JobStep> read(JsonReader r, int index) throws IOException {
    SlurmNumber jobId = SlurmNumber.UNSET;
    long arrayJobId = 0;
    SlurmNumber arrayTaskId = SlurmNumber.UNSET;
    long hetJobId = 0;
    SlurmNumber hetOffset = SlurmNumber.UNSET;
    List<RawStep> raw = new ArrayList<>();
    r.beginObject();
    while (r.hasNext()) {
      int key = JOB.next(r);
      if (key < 0) {
        r.skipValue();
        continue;
      }
      switch (JOB_KEYS[key]) {
        case "job_id" -> jobId = NumberReader.read(r);
        case "array" -> {
          long[] ids = pair(r, "job_id", "task_id");
          arrayJobId = ids[0];
          arrayTaskId = ids[1] >= 0 ? SlurmNumber.of(ids[1]) : SlurmNumber.UNSET;
        }
        case "het" -> {
          long[] ids = pair(r, "job_id", "job_offset");
          hetJobId = ids[0];
          hetOffset = ids[1] >= 0 ? SlurmNumber.of(ids[1]) : SlurmNumber.UNSET;
        }
        case "steps" -> readSteps(r, raw, index);
        default -> r.skipValue();
      }
    }
    r.endObject();
    if (!jobId.isSet()) throw PayloadError.missing("job_id", "jobs[" + index + "]");
    String job = displayId(jobId.longValue(), arrayJobId, arrayTaskId, hetJobId, hetOffset);
    List<JobStep> out = new ArrayList<>(raw.size());
    for (RawStep s : raw) out.add(s.build(job));
    return out;
  }

  /** The id squeue and sacct print: {@code 10_2} for an array task, {@code 30+1} for a heterogeneous component. */
  private static String displayId(long jobId, long arrayJobId, SlurmNumber arrayTaskId, long hetJobId,
      SlurmNumber hetOffset) {
    if (arrayJobId != 0 && arrayTaskId.isSet()) return arrayJobId + "_" + arrayTaskId.longValue();
    if (hetJobId != 0 && hetOffset.isSet()) return hetJobId + "+" + hetOffset.longValue();
    return Long.toString(jobId);
  }

  /** Two numbers of a small object ({@code array}, {@code het}); -1 where unset. */
  private static long[] pair(JsonReader r, String first, String second) throws IOException {
    long[] out = {0, -1};
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return out;
    }
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      if (name.equals(first)) {
        out[0] = NumberReader.read(r).orElse(0);
      } else if (name.equals(second)) {
        SlurmNumber n = NumberReader.read(r);
        out[1] = n.isSet() ? n.longValue() : -1;
      } else {
        r.skipValue();
      }
    }
    r.endObject();
    return out;
  }

  private static void readSteps(JsonReader r, List<RawStep> out, int jobIndex) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
      r.skipValue();
      return;
    }
    r.beginArray();
    int i = 0;
    while (r.hasNext()) {
      out.add(readStep(r, "jobs[" + jobIndex + "].steps[" + i + "]"));
      i++;
    }
    r.endArray();
  }

  private static RawStep readStep(JsonReader r, String where) throws IOException {
    RawStep s = new RawStep();
    r.beginObject();
    while (r.hasNext()) {
      int key = STEP.next(r);
      if (key < 0) {
        r.skipValue();
        continue;
      }
      switch (STEP_KEYS[key]) {
        case "step" -> {
          s.name = stepName(r.peekJson());
          s.id = StepIds.read(r);
        }
        case "state" -> s.state = readState(r);
        case "time" -> readTime(r, s);
        case "nodes" -> readNodes(r, s);
        case "tasks" -> s.tasks = JsonValues.toInt(count(r));
        case "tres" -> s.tres = readAllocated(r);
        default -> r.skipValue();
      }
    }
    r.endObject();
    if (s.id == null || s.id.isEmpty()) throw PayloadError.missing("step.id", where);
    return s;
  }

  /** {@code step.name}, read ahead so that {@link StepIds} still gets the whole {@code step} object. */
  private static String stepName(JsonReader peek) throws IOException {
    if (peek.peek() != JsonReader.Token.BEGIN_OBJECT) return "";
    String name = "";
    peek.beginObject();
    while (peek.hasNext()) {
      if (peek.nextName().equals("name")) name = JsonValues.string(peek);
      else peek.skipValue();
    }
    return name;
  }

  /** A bare state or token array (steps), or {@code {"current": ...}} should a version wrap it like jobs. */
  private static State readState(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return StateReader.read(r);
    State s = State.UNKNOWN;
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextName().equals("current")) s = StateReader.read(r);
      else r.skipValue();
    }
    r.endObject();
    return s;
  }

  private static void readTime(JsonReader r, RawStep s) throws IOException {
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "start" -> s.start = JsonValues.time(r);
        case "elapsed" -> s.elapsed = Duration.ofSeconds(Math.max(0, NumberReader.read(r).orElse(0)));
        default -> r.skipValue();
      }
    }
    r.endObject();
  }

  private static void readNodes(JsonReader r, RawStep s) throws IOException {
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "count" -> s.nodeCount = JsonValues.toInt(NumberReader.read(r).orElse(0));
        case "range" -> s.nodes = JsonValues.string(r);
        default -> r.skipValue();
      }
    }
    r.endObject();
  }

  /** {@code {"count": n}}. */
  private static long count(JsonReader r) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return NumberReader.read(r).orElse(0);
    long n = 0;
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextName().equals("count")) n = NumberReader.read(r).orElse(0);
      else r.skipValue();
    }
    r.endObject();
    return n;
  }

  /** {@code tres.allocated}: slurmdb counts memory in MiB. */
  private static Tres readAllocated(JsonReader r) throws IOException {
    Tres t = Tres.EMPTY;
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextName().equals("allocated")) t = TresParser.readArray(r, true);
      else r.skipValue();
    }
    r.endObject();
    return t;
  }

  /** What one step said, before its job's display id is known (the job's {@code array}/{@code het} may follow). */
  private static final class RawStep {
    String id;
    String name = "";
    State state = State.UNKNOWN;
    Optional<Instant> start = Optional.empty();
    Duration elapsed = Duration.ZERO;
    int nodeCount;
    String nodes = "";
    int tasks;
    Tres tres = Tres.EMPTY;

    JobStep build(String job) {
      // StepIds gives <job>.<step>; a job id never holds a dot, the step part is what follows it
      int dot = id.indexOf('.');
      String step = dot >= 0 ? id.substring(dot + 1) : id;
      return JobStep.builder(job, step)
          .name(name)
          .state(state)
          .startTime(start)
          .elapsed(elapsed)
          .nodeCount(nodeCount)
          .nodes(nodes)
          .tasks(tasks)
          .cpus(tres.cpus())
          .memoryBytes(tres.memoryBytes())
          .gpus(tres.gpus())
          .build();
    }
  }
}
