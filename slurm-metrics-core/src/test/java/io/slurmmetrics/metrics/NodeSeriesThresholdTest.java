package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import io.slurmmetrics.snapshot.TestClock;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-node group is on by default only up to a cluster size: {@link TestCluster} has 5 nodes, so a threshold of
 * 5 keeps the per-node families and a threshold of 4 leaves them out.
 */
class NodeSeriesThresholdTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> PER_NODE = List.of("slurm_node_cpus_total", "slurm_node_cpus_allocated",
      "slurm_node_memory_total_bytes", "slurm_node_memory_allocated_bytes", "slurm_node_gpus_total",
      "slurm_node_gpus_allocated", "slurm_node_cpu_load", "slurm_node_state_info");

  private final TestClock clock = new TestClock();
  private final FakeSlurmSource source = TestCluster.source(clock.instant());
  private final List<SlurmMetrics> opened = new ArrayList<>();
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public synchronized void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger logger = Logger.getLogger(NodeSeriesSwitch.class.getName());

  @BeforeEach
  void captureLogs() {
    logger.addHandler(capture);
  }

  @AfterEach
  void closeAll() {
    logger.removeHandler(capture);
    opened.forEach(SlurmMetrics::close);
  }

  private SlurmMetrics metrics(UnaryOperator<SlurmMetrics.Builder> config) {
    SlurmMetrics m = config.apply(SlurmMetrics.builder().source(source).clock(clock)).build();
    opened.add(m);
    return m;
  }

  /** One scrape; from the second call on, after the refresh interval, so each call serves a new snapshot. */
  private Exposition scrape(SlurmMetrics m) {
    Exposition e = Text.parse(m.collect(WAIT));
    clock.advance(Duration.ofSeconds(31));
    return e;
  }

  private List<String> switchLines() {
    synchronized (capture) {
      List<String> out = new ArrayList<>();
      for (LogRecord r : records) {
        if (r.getLevel().intValue() >= Level.INFO.intValue() && r.getMessage().contains("per-node threshold")) {
          out.add(r.getMessage());
        }
      }
      return out;
    }
  }

  private static double collectorEnabled(Exposition e, String group) {
    return e.value("slurm_exporter_collector_enabled", "collector", group);
  }

  @Test
  void byDefaultAClusterAtTheThresholdGetsPerNodeFamilies() {
    Exposition e = scrape(metrics(b -> b.nodeSeriesMaxNodes(5)));

    for (String family : PER_NODE) assertThat(e.has(family)).as(family).isTrue();
    assertThat(e.samples("slurm_node_cpus_total")).hasSize(5);
    assertThat(collectorEnabled(e, "node")).isEqualTo(1);
    assertThat(switchLines()).isEmpty();
  }

  @Test
  void byDefaultAClusterAboveTheThresholdLeavesPerNodeFamiliesOutAndSaysSo() {
    SlurmMetrics m = metrics(b -> b.nodeSeriesMaxNodes(4));
    Exposition e = scrape(m);

    for (String family : PER_NODE) assertThat(e.has(family)).as(family).isFalse();
    assertThat(collectorEnabled(e, "node")).isEqualTo(0);
    assertThat(collectorEnabled(e, "nodes")).isEqualTo(1);
    // the node counts by state are their own group and stay
    assertThat(e.sum("slurm_nodes_total")).isEqualTo(5);
    assertThat(e.value("slurm_nodes_total", "state", "down")).isEqualTo(1);
    // still declared: a registry validates the names up front, a family without series is simply absent
    assertThat(m.collector().getPrometheusNames()).containsAll(PER_NODE);
    assertThat(m.enabledGroups()).contains(CollectorGroup.NODE);
  }

  @Test
  void theCollectorGaugeHasOneSeriesPerGroupWithItsEffectiveState() {
    Exposition e = scrape(metrics(b -> b.nodeSeriesMaxNodes(4).enable(CollectorGroup.RPC_USER)));

    assertThat(e.samples("slurm_exporter_collector_enabled")).hasSize(CollectorGroup.values().length);
    assertThat(collectorEnabled(e, "rpc_user")).isEqualTo(1);
    assertThat(collectorEnabled(e, "job")).isEqualTo(0);
    assertThat(collectorEnabled(e, "partition")).isEqualTo(1);
    assertThat(e.samples("slurm_exporter_collector_enabled").get(0).labels()).containsEntry("cluster", "testcluster");
  }

  @Test
  void crossingTheThresholdIsLoggedOnceEachWayNotOnEveryRefresh() {
    SlurmMetrics m = metrics(b -> b.nodeSeriesMaxNodes(4));
    scrape(m);
    scrape(m);
    Exposition third = scrape(m);

    assertThat(third.has("slurm_node_cpus_total")).isFalse();
    assertThat(switchLines()).hasSize(1);
    assertThat(switchLines().get(0)).contains("cluster testcluster", "has 5 nodes", "threshold of 4",
        "--collector.node", "--collector.node.max-nodes");

    List<Node> fewer = source.nodes.subList(0, 4);
    source.nodes = fewer;
    Exposition back = scrape(m);
    scrape(m);

    assertThat(back.samples("slurm_node_cpus_total")).hasSize(4);
    assertThat(collectorEnabled(back, "node")).isEqualTo(1);
    assertThat(switchLines()).hasSize(2);
    assertThat(switchLines().get(1)).contains("cluster testcluster", "has 4 nodes", "back on");
  }

  @Test
  void aFailedNodeFetchKeepsTheLastDecision() {
    SlurmMetrics m = metrics(b -> b.nodeSeriesMaxNodes(4));
    scrape(m);
    source.fail(io.slurmmetrics.source.Endpoint.NODES, io.slurmmetrics.source.ErrorKind.UNREACHABLE);
    Exposition e = scrape(m);

    assertThat(collectorEnabled(e, "node")).isEqualTo(0);
    assertThat(switchLines()).hasSize(1);
  }

  @Test
  void explicitlyEnabledNodeGroupKeepsPerNodeFamiliesAboveTheThreshold() {
    Exposition e = scrape(metrics(b -> b.nodeSeriesMaxNodes(4).enable(CollectorGroup.NODE)));

    assertThat(e.samples("slurm_node_cpus_total")).hasSize(5);
    assertThat(collectorEnabled(e, "node")).isEqualTo(1);
    assertThat(switchLines()).isEmpty();
  }

  @Test
  void collectorsNamingTheNodeGroupEnablesItExplicitly() {
    Set<CollectorGroup> groups = EnumSet.of(CollectorGroup.NODE, CollectorGroup.NODES);
    Exposition e = scrape(metrics(b -> b.nodeSeriesMaxNodes(4).collectors(groups)));

    assertThat(e.samples("slurm_node_cpus_total")).hasSize(5);
  }

  @Test
  void explicitDisableWinsAtAnySize() {
    Exposition small = scrape(metrics(b -> b.disable(CollectorGroup.NODE)));
    Exposition enabledThenDisabled = scrape(metrics(b -> b.nodeSeriesMaxNodes(4)
        .enable(CollectorGroup.NODE).disable(CollectorGroup.NODE)));

    assertThat(small.has("slurm_node_cpus_total")).isFalse();
    assertThat(collectorEnabled(small, "node")).isEqualTo(0);
    assertThat(enabledThenDisabled.has("slurm_node_cpus_total")).isFalse();
    assertThat(switchLines()).isEmpty();
  }

  @Test
  void aThresholdBelowOneIsRejectedNamingTheValueAndTheWayToSwitchOff() {
    SlurmMetrics.Builder b = SlurmMetrics.builder();
    assertThatThrownBy(() -> b.nodeSeriesMaxNodes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nodeSeriesMaxNodes must be at least 1")
        .hasMessageContaining("disable(CollectorGroup.NODE)")
        .hasMessageEndingWith(": 0");
    assertThatThrownBy(() -> b.nodeSeriesMaxNodes(-5)).hasMessageEndingWith(": -5");
  }
}
