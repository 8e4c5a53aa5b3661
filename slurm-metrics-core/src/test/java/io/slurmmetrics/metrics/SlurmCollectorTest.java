package io.slurmmetrics.metrics;

import static io.slurmmetrics.metrics.TestCluster.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.prometheus.metrics.model.registry.MetricNameFilter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.model.State;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import io.slurmmetrics.snapshot.TestClock;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlurmCollectorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final TestClock clock = new TestClock();
  private final FakeSlurmSource source = TestCluster.source(clock.instant());
  private final List<SlurmMetrics> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(SlurmMetrics::close);
  }

  private SlurmMetrics metrics(java.util.function.UnaryOperator<SlurmMetrics.Builder> config) {
    SlurmMetrics m = config.apply(SlurmMetrics.builder().source(source).clock(clock)).build();
    opened.add(m);
    return m;
  }

  private Exposition scrape(SlurmMetrics m) {
    return Text.parse(m.collect(WAIT));
  }

  @Test
  void partitionFiguresCountANodeInEveryPartitionItBelongsToLikeSinfo() {
    Exposition e = scrape(metrics(b -> b));
    // cpu = c1 idle 8/0, c2 mixed 8/4, c3 drained 8/0
    assertThat(e.value("slurm_partition_cpus_total", "partition", "cpu")).isEqualTo(24);
    assertThat(e.value("slurm_partition_cpus_allocated", "partition", "cpu")).isEqualTo(4);
    assertThat(e.value("slurm_partition_cpus_idle", "partition", "cpu")).isEqualTo(12);
    assertThat(e.value("slurm_partition_cpus_other", "partition", "cpu")).isEqualTo(8);
    assertThat(e.value("slurm_partition_nodes_total", "partition", "cpu")).isEqualTo(3);
    assertThat(e.value("slurm_partition_nodes_idle", "partition", "cpu")).isEqualTo(1);
    assertThat(e.value("slurm_partition_memory_total_bytes", "partition", "cpu")).isEqualTo(24000.0 * MIB);
    assertThat(e.value("slurm_partition_memory_allocated_bytes", "partition", "cpu")).isEqualTo(4000.0 * MIB);
    // gpu = g1 allocated 8/8 with 2/2 GPUs, g2 down 8/0 with 0/2 GPUs
    assertThat(e.value("slurm_partition_cpus_idle", "partition", "gpu")).isEqualTo(0);
    assertThat(e.value("slurm_partition_cpus_other", "partition", "gpu")).isEqualTo(8);
    assertThat(e.value("slurm_partition_gpus_total", "partition", "gpu")).isEqualTo(4);
    assertThat(e.value("slurm_partition_gpus_allocated", "partition", "gpu")).isEqualTo(2);
    // all = every node again
    assertThat(e.value("slurm_partition_cpus_total", "partition", "all")).isEqualTo(40);
    assertThat(e.value("slurm_partition_cpus_idle", "partition", "all")).isEqualTo(12);
    assertThat(e.value("slurm_partition_nodes_total", "partition", "all")).isEqualTo(5);
  }

  @Test
  void clusterFiguresCountEachNodeOnce() {
    Exposition e = scrape(metrics(b -> b));
    assertThat(e.value("slurm_cluster_cpus_total")).isEqualTo(40);
    assertThat(e.value("slurm_cluster_cpus_allocated")).isEqualTo(12);
    assertThat(e.value("slurm_cluster_memory_total_bytes")).isEqualTo(56000.0 * MIB);
    assertThat(e.value("slurm_cluster_memory_allocated_bytes")).isEqualTo(20000.0 * MIB);
    assertThat(e.value("slurm_cluster_gpus_total")).isEqualTo(4);
    assertThat(e.value("slurm_cluster_gpus_allocated")).isEqualTo(2);
  }

  @Test
  void nodesAreCountedBySinfoStateNames() {
    Exposition e = scrape(metrics(b -> b));
    assertThat(e.sumBy("slurm_nodes_total", "state"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("idle", 1.0, "mixed", 1.0, "drained", 1.0, "allocated", 1.0,
            "down", 1.0));
    assertThat(e.value("slurm_node_state_info", "node", "c3"))
        .isEqualTo(1);
    assertThat(e.samples("slurm_node_state_info", "node", "c3").get(0).labels())
        .containsEntry("state", "drained").containsEntry("reason", "lab: drained for tests");
    assertThat(e.value("slurm_node_cpu_load", "node", "c1")).isEqualTo(0.5);
    assertThat(e.has("slurm_node_cpu_load", "node", "c2")).as("load unknown: no sample").isFalse();
    assertThat(e.value("slurm_node_gpus_total", "node", "g1")).isEqualTo(2);
    assertThat(e.value("slurm_node_memory_total_bytes", "node", "g1")).isEqualTo(16000.0 * MIB);
  }

  @Test
  void jobsAreCountedByPartitionStateAndPendingReason() {
    Exposition e = scrape(metrics(b -> b));
    assertThat(e.value("slurm_jobs_total", "partition", "cpu", "state", "running")).isEqualTo(1);
    assertThat(e.value("slurm_jobs_total", "partition", "cpu", "state", "pending")).isEqualTo(2);
    assertThat(e.value("slurm_jobs_total", "partition", "cpu", "state", "completing")).isEqualTo(1);
    assertThat(e.value("slurm_jobs_total", "partition", "cpu", "state", "completed")).isEqualTo(1);
    assertThat(e.value("slurm_jobs_total", "partition", "gpu", "state", "pending")).isEqualTo(1);
    assertThat(e.value("slurm_jobs_pending", "partition", "cpu", "reason", "Resources")).isEqualTo(1);
    assertThat(e.value("slurm_jobs_pending", "partition", "cpu", "reason", "Dependency")).isEqualTo(1);
    assertThat(e.value("slurm_jobs_pending", "partition", "gpu", "reason", "Resources")).isEqualTo(1);
    assertThat(e.value("slurm_jobs_cpus", "partition", "cpu", "state", "pending")).isEqualTo(3);
    assertThat(e.value("slurm_jobs_gpus", "partition", "gpu", "state", "running")).isEqualTo(2);
    assertThat(e.value("slurm_user_jobs", "user", "alice", "state", "pending")).isEqualTo(1);
    assertThat(e.value("slurm_user_cpus_running", "user", "alice")).isEqualTo(6); // job 1 (4) + completing job 7 (2)
    assertThat(e.value("slurm_account_cpus_running", "account", "chemistry")).isEqualTo(8);
    assertThat(e.value("slurm_account_gpus_running", "account", "chemistry")).isEqualTo(2);
    assertThat(e.value("slurm_account_jobs", "account", "chemistry", "state", "pending")).isEqualTo(2);
  }

  @Test
  void reservationsLicensesSchedulerAndFairShareAreExposed() {
    Exposition e = scrape(metrics(b -> b));
    assertThat(e.value("slurm_reservation_active", "reservation", "resv_alice")).isEqualTo(1);
    assertThat(e.value("slurm_reservation_active", "reservation", "maint_future")).isEqualTo(0);
    assertThat(e.value("slurm_reservation_cpus", "reservation", "maint_future")).isEqualTo(16);
    assertThat(e.value("slurm_reservation_end_time_seconds", "reservation", "resv_alice"))
        .isEqualTo(clock.instant().plus(Duration.ofDays(7)).getEpochSecond());
    assertThat(e.value("slurm_license_free", "license", "matlab")).isEqualTo(3);
    assertThat(e.value("slurm_scheduler_jobs_submitted_total")).isEqualTo(24);
    assertThat(e.value("slurm_scheduler_mean_cycle_seconds")).isEqualTo(0.000299);
    assertThat(e.value("slurm_scheduler_rpc_calls_total", "type", "REQUEST_PING")).isEqualTo(9);
    assertThat(e.value("slurm_account_fairshare", "account", "chemistry")).isEqualTo(0.25);
    assertThat(e.has("slurm_user_fairshare")).as("fairshare_user is off by default").isFalse();
    assertThat(e.has("slurm_scheduler_rpc_user_calls_total")).as("rpc_user is off by default").isFalse();
    assertThat(e.has("slurm_job_cpus")).as("per-job is off by default").isFalse();
  }

  @Test
  void everySlurmSeriesCarriesTheClusterAndConstantLabels() {
    Exposition e = scrape(metrics(b -> b.constLabels(Map.of("site", "north"))));
    for (Exposition.Sample s : e.samples()) {
      if (s.name().equals("slurm_exporter_build_info")) {
        assertThat(s.labels()).doesNotContainKey("cluster");
        continue;
      }
      assertThat(s.labels()).as(s.name()).containsEntry("cluster", "testcluster").containsEntry("site", "north");
    }
  }

  @Test
  void clusterNameOverrideReplacesSlurmsClusterName() {
    Exposition e = scrape(metrics(b -> b.clusterName("prod")));
    assertThat(e.value("slurm_cluster_cpus_total", "cluster", "prod")).isEqualTo(40);
  }

  @Test
  void failedEndpointBecomesUpZeroAnErrorCountAndMissingFamilies() {
    source.fail(Endpoint.JOBS, ErrorKind.TIMEOUT);
    SlurmMetrics m = metrics(b -> b.refreshInterval(Duration.ofSeconds(30)));
    Exposition first = scrape(m);
    assertThat(first.value("slurm_up", "source", "jobs")).isEqualTo(0);
    assertThat(first.value("slurm_up", "source", "nodes")).isEqualTo(1);
    assertThat(first.value("slurm_exporter_collect_errors_total", "source", "jobs", "kind", "timeout")).isEqualTo(1);
    assertThat(first.has("slurm_jobs_total")).isFalse();
    assertThat(first.has("slurm_user_jobs")).isFalse();
    assertThat(first.has("slurm_partition_cpus_total")).isTrue();
    assertThat(m.status().up()).containsEntry("jobs", false).containsEntry("nodes", true);
    assertThat(m.status().lastError()).hasValueSatisfying(msg -> assertThat(msg).contains("jobs").contains("timeout"));

    // a scrape within the interval reuses the snapshot: no second refresh, no second error
    assertThat(scrape(m).value("slurm_exporter_collect_errors_total", "source", "jobs", "kind", "timeout"))
        .isEqualTo(1);
    clock.advance(Duration.ofSeconds(31));
    assertThat(scrape(m).value("slurm_exporter_collect_errors_total", "source", "jobs", "kind", "timeout"))
        .isEqualTo(2);

    source.heal(Endpoint.JOBS);
    clock.advance(Duration.ofSeconds(31));
    Exposition healed = scrape(m);
    assertThat(healed.value("slurm_up", "source", "jobs")).isEqualTo(1);
    assertThat(healed.value("slurm_jobs_total", "partition", "gpu", "state", "running")).isEqualTo(1);
    assertThat(healed.value("slurm_exporter_collect_errors_total", "source", "jobs", "kind", "timeout"))
        .isEqualTo(2);
    assertThat(healed.value("slurm_exporter_last_success_timestamp_seconds", "source", "jobs"))
        .isEqualTo(clock.instant().getEpochSecond());
  }

  @Test
  void anUnsupportedEndpointIsCountedWhenItStartsNotOnEveryRefresh() {
    source.fail(Endpoint.SHARES, ErrorKind.UNSUPPORTED);
    SlurmMetrics m = metrics(b -> b.refreshInterval(Duration.ofSeconds(30)));
    assertThat(scrape(m).value("slurm_exporter_collect_errors_total", "source", "shares", "kind", "unsupported"))
        .isEqualTo(1);
    clock.advance(Duration.ofSeconds(31));
    Exposition again = scrape(m);
    assertThat(again.value("slurm_up", "source", "shares")).isEqualTo(0);
    assertThat(again.value("slurm_exporter_collect_errors_total", "source", "shares", "kind", "unsupported"))
        .isEqualTo(1);

    // served after an upgrade, then gone again: a new fact, counted again
    source.heal(Endpoint.SHARES);
    clock.advance(Duration.ofSeconds(31));
    assertThat(scrape(m).value("slurm_up", "source", "shares")).isEqualTo(1);
    source.fail(Endpoint.SHARES, ErrorKind.UNSUPPORTED);
    clock.advance(Duration.ofSeconds(31));
    assertThat(scrape(m).value("slurm_exporter_collect_errors_total", "source", "shares", "kind", "unsupported"))
        .isEqualTo(2);
  }

  @Test
  void pingFailureMeansControllerDownButKeepsOtherEndpoints() {
    source.fail(Endpoint.PING, ErrorKind.UNREACHABLE);
    Exposition e = scrape(metrics(b -> b));
    assertThat(e.value("slurm_controller_up")).isEqualTo(0);
    assertThat(e.value("slurm_up", "source", "ping")).isEqualTo(0);
    assertThat(e.has("slurm_info")).isFalse();
    assertThat(e.value("slurm_cluster_cpus_total", "cluster", "fake")).isEqualTo(40);
  }

  @Test
  void controllerAndDatabaseHealthAndInfoAreExposed() {
    Exposition e = scrape(metrics(b -> b));
    assertThat(e.value("slurm_controller_up")).isEqualTo(1);
    assertThat(e.value("slurm_database_up")).isEqualTo(1);
    assertThat(e.value("slurm_info", "version", "24.11.5", "api_version", "v0.0.42", "source", "rest")).isEqualTo(1);
    assertThat(e.has("slurm_exporter_collect_duration_seconds_count", "source", "nodes")).isTrue();
    assertThat(e.value("slurm_exporter_build_info", "version", BuildInfo.version())).isEqualTo(1);
  }

  @Test
  void sourceBugsAndErrorsNeverEscapeCollect() {
    source.crash(Endpoint.NODES, new IllegalStateException("parser bug"));
    SlurmMetrics m = metrics(b -> b);
    assertThatCode(() -> m.collector().collect()).doesNotThrowAnyException();
    Exposition e = scrape(m);
    assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(0);
    assertThat(e.value("slurm_exporter_collect_errors_total", "source", "nodes", "kind", "bad_payload"))
        .isEqualTo(1);
    assertThat(e.value("slurm_up", "source", "jobs")).isEqualTo(1);
  }

  @Test
  void disabledGroupsAreNeitherFetchedNorExposed() {
    SlurmMetrics m = metrics(b -> b.disable(CollectorGroup.SCHEDULER, CollectorGroup.RPC, CollectorGroup.NODE));
    Exposition e = scrape(m);
    assertThat(source.calls(Endpoint.DIAG)).isZero();
    assertThat(e.has("slurm_scheduler_threads")).isFalse();
    assertThat(e.has("slurm_up", "source", "diag")).isFalse();
    assertThat(e.has("slurm_node_cpus_total")).isFalse();
    assertThat(e.has("slurm_nodes_total")).isTrue();
    assertThat(m.collector().getPrometheusNames()).doesNotContain("slurm_scheduler_threads", "slurm_node_cpus_total");
  }

  @Test
  void perJobFamiliesAppearWhenSwitchedOnAndAreCappedWithADroppedCounter() {
    SlurmMetrics m = metrics(b -> b.enable(CollectorGroup.JOB).seriesLimitPerFamily(2));
    Exposition e = scrape(m);
    // three running jobs (1, 2, 7), cap 2: one dropped per capped family
    assertThat(e.samples("slurm_job_cpus")).hasSize(2);
    assertThat(e.value("slurm_exporter_series_dropped_total", "family", "slurm_job_cpus")).isEqualTo(1);
    // other capped families too: 5 nodes, cap 2
    assertThat(e.samples("slurm_node_cpus_total")).hasSize(2);
    assertThat(e.value("slurm_exporter_series_dropped_total", "family", "slurm_node_cpus_total")).isEqualTo(3);
  }

  @Test
  void familiesAreAggregatedOncePerSnapshotNotPerScrape() {
    SlurmMetrics m = metrics(b -> b);
    MetricSnapshots a = m.collect(WAIT);
    MetricSnapshots b = m.collect(WAIT);
    var nodesA = a.stream().filter(s -> s.getMetadata().getName().equals("slurm_nodes_total")).findFirst().get();
    var nodesB = b.stream().filter(s -> s.getMetadata().getName().equals("slurm_nodes_total")).findFirst().get();
    assertThat(nodesB).isSameAs(nodesA);
    assertThat(source.calls(Endpoint.NODES)).isEqualTo(1);
  }

  @Test
  void freeTextLabelValuesAreCappedAndInvalidUnicodeReplaced() {
    String longReason = "x".repeat(500);
    source.nodes = List.of(
        TestCluster.node("bad\uD800name", State.of("IDLE", "DRAIN"), 1, 0, 1, 0, Map.of(), Map.of(), "cpu")
            .toBuilder().reason(longReason).build());
    Exposition e = scrape(metrics(b -> b));
    Exposition.Sample s = e.samples("slurm_node_state_info").get(0);
    assertThat(s.label("node")).isEqualTo("bad\uFFFDname");
    assertThat(s.label("reason")).hasSize(LabelValues.MAX_REASON_LENGTH).endsWith("...");
  }

  @Test
  void nameFilterSkipsTheRefreshWhenNoSlurmFamilyIsWanted() {
    SlurmMetrics m = metrics(b -> b);
    // the filter client_java's HTTP handler builds from ?name[]=jvm_memory_used_bytes (a host metric)
    MetricSnapshots none = m.collector().collect(
        MetricNameFilter.builder().nameMustBeEqualTo("jvm_memory_used_bytes").build());
    assertThat(none.size()).isZero();
    MetricSnapshots upOnly = m.collector().collect(
        MetricNameFilter.builder().nameMustBeEqualTo("slurm_exporter_collect_errors_total").build());
    assertThat(upOnly.stream().map(f -> f.getMetadata().getPrometheusName()))
        .containsExactly("slurm_exporter_collect_errors");
    assertThat(source.calls(Endpoint.PING)).isZero();
  }

  @Test
  void unknownNodeListedInAPartitionIsSkippedLikeSinfo() {
    source.partitions = List.of(new io.slurmmetrics.model.Partition("cpu", "UP", List.of("c1", "ghost"), 8, 2, true));
    source.nodes = List.of(source.nodes.get(0));
    Exposition e = scrape(metrics(b -> b));
    assertThat(e.value("slurm_partition_nodes_total", "partition", "cpu")).isEqualTo(1);
  }

}
