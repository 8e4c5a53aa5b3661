package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.model.State;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The steps of running jobs ({@code /slurmdb/vX/jobs?state=RUNNING}, {@code sacct --json -a --state=RUNNING}) as
 * recorded from every lab version: each step equals what the raw JSON says, read here with Moshi's generic
 * {@code readJsonValue} and walked by hand, and the CLI recording equals {@code sacct -P -s R} text taken right after.
 */
class StepReaderFixtureTest {
  private static final long MIB = 1024L * 1024L;

  static Stream<Arguments> recordings() {
    List<Arguments> out = new ArrayList<>();
    for (FixtureSet set : Fixtures.all()) {
      for (String f : set.files()) {
        if (f.endsWith("/slurmdb/jobs-running.json") || f.equals("cli/sacct-running.json")) {
          out.add(Arguments.of(set.slurmVersion(), f));
        }
      }
    }
    return out.stream();
  }

  @Test
  void everyLabVersionHasRunningStepsRecordedByRestAndCli() {
    for (String v : List.of("22.05", "24.11", "26.05")) {
      FixtureSet set = Fixtures.of(v);
      assertThat(set.has("cli/sacct-running.json")).as(v).isTrue();
      assertThat(set.files("rest/")).as(v).anyMatch(f -> f.endsWith("/slurmdb/jobs-running.json"));
    }
  }

  @ParameterizedTest(name = "slurm-{0} {1}")
  @MethodSource("recordings")
  void eachStepEqualsTheRawJson(String version, String file) throws Exception {
    FixtureSet set = Fixtures.of(version);
    String api = file.startsWith("rest/") ? file.split("/")[1] : "cli";
    List<JobStep> steps = SlurmJson.steps(new Buffer().write(set.bytes(file)), api).data();

    List<JobStep> expected = new ArrayList<>();
    for (Map<String, Object> job : list(raw(set, file), "jobs")) {
      String jobId = displayId(job);
      for (Map<String, Object> step : list(job, "steps")) {
        expected.add(expectedStep(jobId, step));
      }
    }
    assertThat(steps).hasSize(expected.size()).isNotEmpty();
    for (int i = 0; i < steps.size(); i++) {
      JobStep got = steps.get(i);
      JobStep want = expected.get(i);
      assertThat(got).as("%s step %d", file, i).usingRecursiveComparison().isEqualTo(want);
    }
    // the recorded job mix: a batch and an srun step per job, a GPU step, array tasks, a two-node step
    assertThat(steps).anyMatch(s -> s.stepId().equals("batch")).anyMatch(s -> s.stepId().equals("0"))
        .anyMatch(s -> s.gpus() == 1).anyMatch(s -> s.jobId().contains("_")).anyMatch(s -> s.nodeCount() == 2);
    assertThat(steps).allMatch(JobStep::isActive).allMatch(s -> s.cpus() > 0 && s.memoryBytes() > 0);
  }

  /** {@code sacct -a -n -P -s R -o JobID,JobName,State,NCPUS,NTasks,NNodes,NodeList,Start,AllocTRES}, steps only. */
  @ParameterizedTest(name = "slurm-{0}")
  @MethodSource("versions")
  void theCliStepsEqualSacctTextCapturedRightAfter(String version) throws Exception {
    FixtureSet set = Fixtures.of(version);
    List<JobStep> steps = SlurmJson.steps(new Buffer().write(set.bytes("cli/sacct-running.json")), "cli").data();
    Set<String> fromJson = new LinkedHashSet<>();
    for (JobStep s : steps) {
      fromJson.add(String.join("|", s.id(), s.name(), s.state().base(), Long.toString(s.cpus()),
          Integer.toString(s.tasks()), Integer.toString(s.nodeCount()), s.nodes()));
    }
    Set<String> fromText = new LinkedHashSet<>();
    for (String line : set.text("cli/sacct-running.txt").split("\n")) {
      String[] f = line.split("\\|", -1);
      if (f.length < 7 || !f[0].contains(".")) continue; // job lines: the steps are what we compare
      fromText.add(String.join("|", f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
    }
    assertThat(fromJson).isNotEmpty().isEqualTo(fromText);
  }

  static Stream<String> versions() {
    return Fixtures.all().stream().filter(s -> s.has("cli/sacct-running.txt")).map(FixtureSet::slurmVersion);
  }

  // ---------------------------------------------------------------- the raw side, independent of the readers

  private static JobStep expectedStep(String jobId, Map<String, Object> step) {
    Map<String, Object> id = map(step, "step");
    String stepId = stepPart(id.get("id"));
    Map<String, Object> time = map(step, "time");
    Map<String, Object> nodes = map(step, "nodes");
    long cpus = 0;
    long mem = 0;
    long gpus = 0;
    for (Map<String, Object> t : list(map(step, "tres"), "allocated")) {
      String type = String.valueOf(t.get("type"));
      String name = t.get("name") == null ? "" : String.valueOf(t.get("name"));
      long count = number(t.get("count"));
      if (type.equals("cpu")) cpus += count;
      if (type.equals("mem")) mem += count * MIB;
      if (type.equals("gres") && (name.equals("gpu") || name.startsWith("gpu:"))) gpus += count;
    }
    long start = number(time.get("start"));
    return JobStep.builder(jobId, stepId)
        .name(String.valueOf(id.get("name")))
        .state(state(states(step.get("state"))))
        .startTime(start > 0 ? java.util.Optional.of(Instant.ofEpochSecond(start)) : java.util.Optional.empty())
        .elapsed(java.time.Duration.ofSeconds(number(time.get("elapsed"))))
        .nodeCount((int) number(nodes.get("count")))
        .nodes(String.valueOf(nodes.get("range")))
        .tasks((int) number(map(step, "tasks").get("count")))
        .cpus(cpus)
        .memoryBytes(mem)
        .gpus(gpus)
        .build();
  }

  /** {@code "12.batch"} (v0.0.40+), {@code "batch"} or {@code 0} (v0.0.38, job id beside it). */
  private static String stepPart(Object id) {
    String s = id instanceof Double d ? Long.toString(d.longValue()) : String.valueOf(id);
    return s.contains(".") ? s.substring(s.indexOf('.') + 1) : s;
  }

  @SuppressWarnings("unchecked")
  private static String displayId(Map<String, Object> job) {
    Map<String, Object> array = (Map<String, Object>) job.get("array");
    if (array != null && number(array.get("job_id")) != 0 && array.get("task_id") != null
        && isSet(array.get("task_id"))) {
      return number(array.get("job_id")) + "_" + number(array.get("task_id"));
    }
    return Long.toString(number(job.get("job_id")));
  }

  private static State state(List<String> tokens) {
    return new State(tokens.isEmpty() ? "" : tokens.get(0), Set.copyOf(tokens));
  }

  private static List<String> states(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o).toUpperCase(Locale.ROOT));
    else if (v != null) out.add(String.valueOf(v).toUpperCase(Locale.ROOT));
    return out;
  }

  private static boolean isSet(Object v) {
    if (v instanceof Map<?, ?> m) return Boolean.TRUE.equals(m.get("set"));
    return v != null;
  }

  /** A plain number or a {@code {"set", "infinite", "number"}} object. */
  private static long number(Object v) {
    if (v instanceof Double d) return d.longValue();
    if (v instanceof Map<?, ?> m) return Boolean.TRUE.equals(m.get("set")) ? ((Double) m.get("number")).longValue() : 0;
    return 0;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof List<?> ? (List<Map<String, Object>>) v : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> raw(FixtureSet set, String file) throws IOException {
    try (JsonReader r = JsonReader.of(new Buffer().write(set.bytes(file)))) {
      return (Map<String, Object>) r.readJsonValue();
    }
  }
}
