package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded real Slurm version: our metrics equal what Slurm's own text output (captured right after the JSON we
 * read) says, computed here without any of our readers.
 */
class FixtureMetricsTest {
  private static final long MIB = 1024L * 1024L;
  /** sinfo counts these node states as neither idle nor usable (its %F rules). */
  private static final Set<String> NOT_IDLE = Set.of("allocated", "mixed", "completing", "draining", "drained",
      "down");

  static Stream<String> versions() {
    return Fixtures.versions().stream();
  }

  private static Exposition scrape(FixtureSet set) {
    try (SlurmMetrics m = SlurmMetrics.builder().source(new FixtureSlurmSource(set))
        .collectors(EnumSet.allOf(CollectorGroup.class)).build()) {
      return Text.parse(m.collect(Duration.ofSeconds(30)));
    }
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void nodeStatesAndNodeFiguresEqualSinfo(String version) {
    FixtureSet set = Fixtures.of(version);
    Exposition e = scrape(set);
    List<SlurmText.SinfoNode> sinfo = SlurmText.sinfoNodes(set.text("cli/sinfo-nodes.txt"));
    Map<String, Double> byState = new HashMap<>();
    for (SlurmText.SinfoNode n : sinfo) byState.merge(n.state(), 1.0, Double::sum);
    assertThat(e.sumBy("slurm_nodes_total", "state")).isEqualTo(byState);
    for (SlurmText.SinfoNode n : sinfo) {
      assertThat(e.value("slurm_node_cpus_total", "node", n.node())).as(n.node()).isEqualTo(n.total());
      assertThat(e.value("slurm_node_cpus_allocated", "node", n.node())).as(n.node()).isEqualTo(n.alloc());
      assertThat(e.value("slurm_node_memory_total_bytes", "node", n.node())).as(n.node())
          .isEqualTo((double) n.memMiB() * MIB);
      assertThat(e.value("slurm_node_gpus_total", "node", n.node())).as(n.node()).isEqualTo(n.gpus());
      assertThat(e.samples("slurm_node_state_info", "node", n.node()).get(0).label("state")).isEqualTo(n.state());
    }
    assertThat(e.value("slurm_cluster_cpus_total")).isEqualTo(sinfo.stream().mapToLong(SlurmText.SinfoNode::total).sum());
    assertThat(e.value("slurm_cluster_cpus_allocated"))
        .isEqualTo(sinfo.stream().mapToLong(SlurmText.SinfoNode::alloc).sum());
    assertThat(e.value("slurm_cluster_gpus_total")).isEqualTo(sinfo.stream().mapToLong(SlurmText.SinfoNode::gpus).sum());
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void partitionFiguresEqualSinfoSummedOverEachPartitionsNodes(String version) {
    FixtureSet set = Fixtures.of(version);
    Exposition e = scrape(set);
    Map<String, SlurmText.SinfoNode> nodes = new HashMap<>();
    for (SlurmText.SinfoNode n : SlurmText.sinfoNodes(set.text("cli/sinfo-nodes.txt"))) nodes.put(n.node(), n);
    Map<String, List<String>> partitions = SlurmText.partitionsFromProvenance(set.text("PROVENANCE.md"));
    assertThat(partitions).isNotEmpty();
    for (Map.Entry<String, List<String>> p : partitions.entrySet()) {
      long a = 0, i = 0, o = 0, t = 0, mem = 0, gpus = 0, idleNodes = 0;
      for (String name : p.getValue()) {
        SlurmText.SinfoNode n = nodes.get(name);
        a += n.alloc();
        i += n.idle();
        o += n.other();
        t += n.total();
        mem += n.memMiB();
        gpus += n.gpus();
        if (!NOT_IDLE.contains(n.state())) idleNodes++;
      }
      String part = p.getKey();
      assertThat(e.value("slurm_partition_cpus_allocated", "partition", part)).as(part).isEqualTo(a);
      assertThat(e.value("slurm_partition_cpus_idle", "partition", part)).as(part).isEqualTo(i);
      assertThat(e.value("slurm_partition_cpus_other", "partition", part)).as(part).isEqualTo(o);
      assertThat(e.value("slurm_partition_cpus_total", "partition", part)).as(part).isEqualTo(t);
      assertThat(e.value("slurm_partition_memory_total_bytes", "partition", part)).as(part)
          .isEqualTo((double) mem * MIB);
      assertThat(e.value("slurm_partition_gpus_total", "partition", part)).as(part).isEqualTo(gpus);
      assertThat(e.value("slurm_partition_nodes_total", "partition", part)).as(part).isEqualTo(p.getValue().size());
      assertThat(e.value("slurm_partition_nodes_idle", "partition", part)).as(part).isEqualTo(idleNodes);
      assertThat(e.value("slurm_partition_memory_allocated_bytes", "partition", part)).as(part)
          .isBetween(0.0, (double) mem * MIB);
      assertThat(e.value("slurm_partition_gpus_allocated", "partition", part)).as(part).isBetween(0.0, (double) gpus);
    }
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void jobsByStatePartitionReasonUserAndAccountEqualSqueue(String version) {
    FixtureSet set = Fixtures.of(version);
    Exposition e = scrape(set);
    List<SlurmText.SqueueJob> squeue = SlurmText.squeue(set.text("cli/squeue.txt"));
    Map<List<String>, Double> byPartState = new LinkedHashMap<>();
    Map<List<String>, Double> pending = new LinkedHashMap<>();
    Map<List<String>, Double> byUser = new LinkedHashMap<>();
    Map<List<String>, Double> byAccount = new LinkedHashMap<>();
    for (SlurmText.SqueueJob j : squeue) {
      byPartState.merge(List.of(j.partition(), j.state()), 1.0, Double::sum);
      if (j.state().equals("pending")) pending.merge(List.of(j.partition(), j.reason()), 1.0, Double::sum);
      byUser.merge(List.of(j.user(), j.state()), 1.0, Double::sum);
      byAccount.merge(List.of(j.account(), j.state()), 1.0, Double::sum);
    }
    assertThat(series(e, "slurm_jobs_total", "partition", "state")).isEqualTo(byPartState);
    assertThat(series(e, "slurm_jobs_pending", "partition", "reason")).isEqualTo(pending);
    assertThat(series(e, "slurm_user_jobs", "user", "state")).isEqualTo(byUser);
    assertThat(series(e, "slurm_account_jobs", "account", "state")).isEqualTo(byAccount);
    // GPU jobs of the lab's job mix: one --gres=gpu:a100:1 and one --gpus=2 job running in partition gpu
    assertThat(e.value("slurm_jobs_gpus", "partition", "gpu", "state", "running")).isEqualTo(3);
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void schedulerCountersEqualSdiagText(String version) {
    FixtureSet set = Fixtures.of(version);
    Exposition e = scrape(set);
    String sdiag = set.text("cli/sdiag.txt");
    assertThat(e.value("slurm_scheduler_jobs_submitted_total")).isEqualTo(SlurmText.sdiag(sdiag, "Jobs submitted"));
    assertThat(e.value("slurm_scheduler_jobs_started_total")).isEqualTo(SlurmText.sdiag(sdiag, "Jobs started"));
    assertThat(e.value("slurm_scheduler_jobs_completed_total")).isEqualTo(SlurmText.sdiag(sdiag, "Jobs completed"));
    assertThat(e.value("slurm_scheduler_jobs_canceled_total")).isEqualTo(SlurmText.sdiag(sdiag, "Jobs canceled"));
    assertThat(e.value("slurm_scheduler_jobs_failed_total")).isEqualTo(SlurmText.sdiag(sdiag, "Jobs failed"));
    assertThat(e.value("slurm_scheduler_dbd_agent_queue_size"))
        .isEqualTo(SlurmText.sdiag(sdiag, "DBD Agent queue size"));
    if (new FixtureSlurmSource(set).fileFor(Endpoint.DIAG).orElseThrow().startsWith("cli/")) {
      // sdiag --json and sdiag text were taken back to back: the cycle statistics are the same reading
      assertThat(e.value("slurm_scheduler_cycles_total")).isEqualTo(SlurmText.sdiag(sdiag, "Total cycles"));
      assertThat(e.value("slurm_scheduler_backfill_cycles_total"))
          .isEqualTo(SlurmText.sdiagBackfill(sdiag, "Total cycles"));
      assertThat(e.value("slurm_scheduler_max_cycle_seconds"))
          .isCloseTo(SlurmText.sdiag(sdiag, "Max cycle") / 1e6, within(1e-9));
      for (String type : SlurmText.sdiagRpcByType(sdiag).keySet()) {
        assertThat(e.has("slurm_scheduler_rpc_calls_total", "type", type)).as(type).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void reservationsAndLicensesMatchTheLabsSetup(String version) {
    // scripts/slurm-lab: resv_alice on c4 (active, 7 days), maint_future on all 6 nodes (in 10 days, 4 h);
    // Licenses=matlab:4,fluent:2
    Exposition e = scrape(Fixtures.of(version));
    assertThat(e.value("slurm_reservation_active", "reservation", "resv_alice")).isEqualTo(1);
    assertThat(e.value("slurm_reservation_nodes", "reservation", "resv_alice")).isEqualTo(1);
    assertThat(e.value("slurm_reservation_cpus", "reservation", "resv_alice")).isEqualTo(8);
    assertThat(e.value("slurm_reservation_active", "reservation", "maint_future")).isEqualTo(0);
    assertThat(e.value("slurm_reservation_nodes", "reservation", "maint_future")).isEqualTo(6);
    assertThat(e.value("slurm_reservation_end_time_seconds", "reservation", "maint_future")
        - e.value("slurm_reservation_start_time_seconds", "reservation", "maint_future")).isEqualTo(4 * 3600);
    assertThat(e.value("slurm_license_total", "license", "matlab")).isEqualTo(4);
    assertThat(e.value("slurm_license_total", "license", "fluent")).isEqualTo(2);
    assertThat(e.value("slurm_license_used", "license", "matlab") + e.value("slurm_license_free", "license", "matlab"))
        .isEqualTo(4);
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void everyContractNameTheDataAllowsIsPresent(String version) {
    FixtureSet set = Fixtures.of(version);
    Exposition e = scrape(set);
    FixtureSlurmSource source = new FixtureSlurmSource(set);
    List<String> missing = new ArrayList<>();
    for (MetricDefinition d : MetricCatalog.all()) {
      if (d.source().equals(Endpoint.ACCOUNTING_JOBS.label())) continue; // accounting package, own tests
      if (d.source().equals("shares") && source.fileFor(Endpoint.SHARES).isEmpty()) continue; // 22.05: no sshare JSON
      // only when a cap was hit or a fetch failed
      if (d.name().equals("slurm_exporter_series_dropped_total")) continue;
      if (d.name().equals("slurm_exporter_collect_errors_total")) continue;
      String sample = switch (d.type()) {
        case HISTOGRAM -> d.name() + "_count";
        default -> d.name();
      };
      if (!e.has(sample)) missing.add(d.name());
    }
    assertThat(missing).as("families without a sample for Slurm " + version).isEmpty();
    assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(1);
  }

  private static Map<List<String>, Double> series(Exposition e, String name, String l1, String l2) {
    Map<List<String>, Double> out = new LinkedHashMap<>();
    for (Exposition.Sample s : e.samples(name)) out.merge(List.of(s.label(l1), s.label(l2)), s.value(), Double::sum);
    return out;
  }
}
