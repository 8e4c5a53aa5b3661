package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.model.State;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import io.slurmmetrics.snapshot.TestClock;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fault;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.exposition.Exposition;
import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The opt-in per-step families ({@code slurm_job_step_*}): off by default and then not fetched, equal to sacct's text
 * on every recorded version, capped, and a failing slurmdbd costs only them, never the per-job families.
 */
class StepFamiliesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long MIB = 1024L * 1024L;
  private static final List<String> STEP_FAMILIES = List.of("slurm_job_step_cpus", "slurm_job_step_memory_bytes",
      "slurm_job_step_gpus", "slurm_job_step_nodes", "slurm_job_step_tasks", "slurm_job_step_start_time_seconds",
      "slurm_job_step_info");

  private final TestClock clock = new TestClock();
  private final FakeSlurmSource source = TestCluster.source(clock.instant());
  private final List<SlurmMetrics> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(SlurmMetrics::close);
  }

  private Exposition scrape(java.util.function.UnaryOperator<SlurmMetrics.Builder> config) {
    SlurmMetrics m = config.apply(SlurmMetrics.builder().source(source).clock(clock)).build();
    opened.add(m);
    return Text.parse(m.collect(WAIT));
  }

  private static JobStep step(String job, String step, String state, long cpus) {
    return JobStep.builder(job, step).name(step.equals("batch") ? "batch" : "python").state(State.of(state))
        .startTime(Optional.of(Instant.ofEpochSecond(1_795_000_000L))).elapsed(Duration.ofSeconds(60))
        .nodeCount(1).nodes("c2").tasks((int) cpus).cpus(cpus).memoryBytes(cpus * 1000 * MIB).gpus(0).build();
  }

  @Test
  void stepFamiliesAreOffByDefaultAndStepsAreThenNotFetched() {
    source.steps = List.of(step("1", "batch", "RUNNING", 4));
    Exposition e = scrape(b -> b);
    assertThat(source.calls(Endpoint.STEPS)).isZero();
    assertThat(e.has("slurm_up", "source", "steps")).isFalse();
    for (String f : STEP_FAMILIES) assertThat(e.has(f)).as(f).isFalse();
  }

  @Test
  void withTheJobGroupEachRunningStepHasItsSeriesAndEndedStepsAreLeftOut() {
    source.steps = List.of(step("1", "batch", "RUNNING", 4), step("1", "0", "RUNNING", 2),
        step("1", "1", "COMPLETED", 2), step("2", "0", "SUSPENDED", 8));
    Exposition e = scrape(b -> b.enable(CollectorGroup.JOB));
    assertThat(source.calls(Endpoint.STEPS)).isEqualTo(1);
    assertThat(e.value("slurm_up", "source", "steps")).isEqualTo(1);
    assertThat(e.value("slurm_job_step_cpus", "job_id", "1", "step_id", "batch")).isEqualTo(4);
    assertThat(e.value("slurm_job_step_cpus", "job_id", "1", "step_id", "0")).isEqualTo(2);
    assertThat(e.value("slurm_job_step_memory_bytes", "job_id", "1", "step_id", "0")).isEqualTo(2000.0 * MIB);
    assertThat(e.value("slurm_job_step_tasks", "job_id", "2", "step_id", "0")).isEqualTo(8);
    assertThat(e.value("slurm_job_step_start_time_seconds", "job_id", "1", "step_id", "0")).isEqualTo(1_795_000_000L);
    assertThat(e.has("slurm_job_step_cpus", "job_id", "1", "step_id", "1")).isFalse();
    assertThat(e.samples("slurm_job_step_info")).hasSize(3);
    Exposition.Sample info = e.samples("slurm_job_step_info", "job_id", "1", "step_id", "0").get(0);
    assertThat(info.label("name")).isEqualTo("python");
    assertThat(info.label("state")).isEqualTo("running");
    assertThat(info.value()).isEqualTo(1);
    // the per-job families from slurmctld are there beside them, keyed by the same job_id
    assertThat(e.value("slurm_job_cpus", "job_id", "1")).isEqualTo(4);
  }

  @Test
  void stepFamiliesAreCappedAndTheDroppedSeriesCounted() {
    source.steps = List.of(step("1", "batch", "RUNNING", 4), step("1", "0", "RUNNING", 2),
        step("2", "batch", "RUNNING", 8));
    Exposition e = scrape(b -> b.enable(CollectorGroup.JOB).seriesLimitPerFamily(2));
    assertThat(e.samples("slurm_job_step_cpus")).hasSize(2);
    assertThat(e.samples("slurm_job_step_info")).hasSize(2);
    assertThat(e.value("slurm_exporter_series_dropped_total", "family", "slurm_job_step_cpus")).isEqualTo(1);
    assertThat(e.value("slurm_exporter_series_dropped_total", "family", "slurm_job_step_info")).isEqualTo(1);
  }

  @Test
  void aFailingSlurmdbdCostsOnlyTheStepFamilies() {
    source.steps = List.of(step("1", "batch", "RUNNING", 4));
    source.fail(Endpoint.STEPS, ErrorKind.UNREACHABLE);
    Exposition e = scrape(b -> b.enable(CollectorGroup.JOB));
    assertThat(e.value("slurm_up", "source", "steps")).isEqualTo(0);
    assertThat(e.value("slurm_up", "source", "jobs")).isEqualTo(1);
    assertThat(e.value("slurm_exporter_collect_errors_total", "source", "steps", "kind", "unreachable")).isEqualTo(1);
    assertThat(e.value("slurm_job_cpus", "job_id", "1")).isEqualTo(4);
    for (String f : STEP_FAMILIES) assertThat(e.has(f)).as(f).isFalse();
  }

  // ---------------------------------------------------------------- recorded real Slurm

  static Stream<String> versions() {
    return Fixtures.versions().stream();
  }

  /**
   * {@code cli/sacct-running.txt} = {@code sacct -a -n -P -s R -o
   * JobID,JobName,State,NCPUS,NTasks,NNodes,NodeList,Start,AllocTRES}, taken right after the JSON read here.
   */
  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void everyRecordedRunningStepEqualsSacctText(String version) {
    FixtureSet set = Fixtures.of(version);
    Exposition e;
    try (SlurmMetrics m = SlurmMetrics.builder().source(new FixtureSlurmSource(set))
        .collectors(EnumSet.of(CollectorGroup.JOB)).build()) {
      e = Text.parse(m.collect(WAIT));
    }
    int steps = 0;
    for (String line : set.text("cli/sacct-running.txt").split("\n")) {
      String[] f = line.split("\\|", -1);
      if (f.length < 9 || !f[0].contains(".") || !f[2].equals("RUNNING")) continue;
      steps++;
      String job = f[0].substring(0, f[0].indexOf('.'));
      String step = f[0].substring(f[0].indexOf('.') + 1);
      String[] l = {"job_id", job, "step_id", step};
      assertThat(e.value("slurm_job_step_cpus", l)).as(f[0]).isEqualTo(Double.parseDouble(f[3]));
      assertThat(e.value("slurm_job_step_tasks", l)).as(f[0]).isEqualTo(Double.parseDouble(f[4]));
      assertThat(e.value("slurm_job_step_nodes", l)).as(f[0]).isEqualTo(Double.parseDouble(f[5]));
      assertThat(e.value("slurm_job_step_start_time_seconds", l)).as(f[0])
          .isEqualTo(LocalDateTime.parse(f[7]).toEpochSecond(ZoneOffset.UTC)); // recorded with TZ=UTC
      assertThat(e.value("slurm_job_step_memory_bytes", l)).as(f[0]).isEqualTo(tres(f[8], "mem") * MIB);
      assertThat(e.value("slurm_job_step_gpus", l)).as(f[0]).isEqualTo(tres(f[8], "gres/gpu"));
      assertThat(e.samples("slurm_job_step_info", l).get(0).label("name")).as(f[0]).isEqualTo(f[1]);
    }
    assertThat(steps).isGreaterThanOrEqualTo(10);
    assertThat(e.samples("slurm_job_step_cpus")).hasSize(steps);
  }

  /** One AllocTRES entry: {@code mem=1000M} in MiB, else a count; 0 when absent. */
  private static double tres(String allocTres, String key) {
    for (String item : allocTres.split(",")) {
      if (!item.startsWith(key + "=")) continue;
      String v = item.substring(key.length() + 1);
      if (v.endsWith("M")) return Double.parseDouble(v.substring(0, v.length() - 1));
      if (v.endsWith("G")) return Double.parseDouble(v.substring(0, v.length() - 1)) * 1024;
      return Double.parseDouble(v);
    }
    return 0;
  }

  /**
   * The whole REST path (RestSource over HTTP to a fake slurmrestd serving the recorded answers): steps come from
   * {@code /slurmdb/vX/jobs?state=RUNNING}; with slurmdbd down (its recorded answer) only the step families go.
   */
  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void overRestASlurmdbdThatIsDownCostsOnlyTheStepFamilies(String version) throws Exception {
    FixtureSet set = Fixtures.of(version);
    String api = set.apiVersions().get(set.apiVersions().size() - 1);
    try (FakeSlurmrestd rest = FakeSlurmrestd.builder().fixtures(set).start();
        RestSource src = RestSource.builder().url(rest.url()).apiVersion(api).tokenFromEnvironment(false).build()) {
      try (SlurmMetrics m = SlurmMetrics.builder().source(src).collectors(EnumSet.of(CollectorGroup.JOB)).build()) {
        Exposition e = Text.parse(m.collect(WAIT));
        assertThat(e.value("slurm_up", "source", "steps")).isEqualTo(1);
        assertThat(e.samples("slurm_job_step_cpus")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rest.requests()).anyMatch(r -> r.path().equals("/slurmdb/" + api + "/jobs")
            && r.queryParameter("state").equals(Optional.of("RUNNING")));
      }
      FixtureSet.RecordedResponse down = set.errorCase("slurmdbd-down-jobs").orElseThrow();
      rest.injectFault("/slurmdb/" + api + "/jobs", Fault.response(FakeResponse.guess(down.status(), down.body())));
      try (SlurmMetrics m = SlurmMetrics.builder().source(src).collectors(EnumSet.of(CollectorGroup.JOB)).build()) {
        Exposition e = Text.parse(m.collect(WAIT));
        assertThat(e.value("slurm_up", "source", "steps")).isEqualTo(0);
        assertThat(e.value("slurm_up", "source", "jobs")).isEqualTo(1);
        assertThat(e.sum("slurm_exporter_collect_errors_total", "source", "steps")).isEqualTo(1);
        assertThat(e.samples("slurm_job_cpus")).isNotEmpty();
        for (String f : STEP_FAMILIES) assertThat(e.has(f)).as(f).isFalse();
      }
    }
  }

  /**
   * The demo's simulated cluster answers {@code state=RUNNING} like slurmdbd: every running job (per-job families from
   * slurmctld's answer) has its batch step and one srun step over all its nodes, joined by the same {@code job_id}
   * (array tasks {@code 10_2} and heterogeneous components {@code 30+1} included).
   */
  @ParameterizedTest(name = "API {0}")
  @MethodSource("simulatorApis")
  void theSimulatedClusterHasTheStepsOfEveryRunningJob(String api) throws Exception {
    ClusterSimulator sim = ClusterSimulator.builder().apiVersion(api).seed(4).cpuNodes(12).gpuNodes(2).queueTarget(60)
        .arrayJobs(0.2, 6).multiNodeJobs(0.1, 3).heterogeneousJobs(0.1).clock(Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"),
            ZoneOffset.UTC)).build();
    try (FakeSlurmrestd rest = FakeSlurmrestd.builder().responder(sim.responder()).start();
        RestSource src = RestSource.builder().url(rest.url()).apiVersion(api).tokenFromEnvironment(false).build();
        SlurmMetrics m = SlurmMetrics.builder().source(src).collectors(EnumSet.of(CollectorGroup.JOB)).build()) {
      Exposition e = Text.parse(m.collect(WAIT));
      assertThat(e.value("slurm_up", "source", "steps")).isEqualTo(1);
      List<Exposition.Sample> jobs = e.samples("slurm_job_cpus");
      assertThat(jobs).hasSizeGreaterThan(5).anyMatch(j -> j.label("job_id").contains("_"))
          .anyMatch(j -> j.label("job_id").contains("+"));
      for (Exposition.Sample job : jobs) {
        String id = job.label("job_id");
        assertThat(e.value("slurm_job_step_cpus", "job_id", id, "step_id", "0")).as(id).isEqualTo(job.value());
        assertThat(e.value("slurm_job_step_nodes", "job_id", id, "step_id", "0")).as(id)
            .isEqualTo(e.value("slurm_job_nodes", "job_id", id));
        assertThat(e.value("slurm_job_step_nodes", "job_id", id, "step_id", "batch")).as(id).isEqualTo(1);
      }
      assertThat(e.samples("slurm_job_step_info")).hasSize(2 * jobs.size());
    }
  }

  static Stream<String> simulatorApis() {
    return Stream.of("v0.0.42", "v0.0.44");
  }
}
