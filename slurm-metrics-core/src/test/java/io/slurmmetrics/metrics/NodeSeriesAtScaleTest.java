package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.State;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import io.slurmmetrics.snapshot.TestClock;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The issue-9 scale cluster's node count, 10,000 nodes (1,000 with GPUs), with {@link TestCluster}'s queue,
 * reservations, licenses, sdiag and fair share: the default configuration stays under the seed guide's
 * {@code sample_limit} of 50,000 samples per scrape. Model objects, not the simulator's JSON: decoding 10,000 nodes
 * costs seconds and is measured by the benchmarks' SeriesRun against the simulator; the count is the same.
 */
class NodeSeriesAtScaleTest {
  private static final int SAMPLE_LIMIT = 50_000;
  private static final int NODES = 10_000;
  private static final int GPU_NODES = 1_000;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final TestClock clock = new TestClock();
  private final FakeSlurmSource source = largeCluster();
  private final List<SlurmMetrics> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(SlurmMetrics::close);
  }

  private FakeSlurmSource largeCluster() {
    FakeSlurmSource s = TestCluster.source(clock.instant());
    List<Node> nodes = new ArrayList<>(NODES);
    List<String> cpu = new ArrayList<>();
    List<String> gpu = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      boolean hasGpus = i >= NODES - GPU_NODES;
      String name = String.format("n%05d", i);
      (hasGpus ? gpu : cpu).add(name);
      nodes.add(TestCluster.node(name, State.of(i % 3 == 0 ? "MIXED" : "IDLE"), 64, i % 3 == 0 ? 32 : 0, 256_000,
          i % 3 == 0 ? 64_000 : 0, hasGpus ? Map.of("gpu:a100", 4L) : Map.of(),
          hasGpus ? Map.of("gpu:a100", 1L) : Map.of(), hasGpus ? "gpu" : "cpu"));
    }
    s.nodes = nodes;
    s.partitions = List.of(new Partition("cpu", "UP", cpu, 64 * cpu.size(), cpu.size(), true),
        new Partition("gpu", "UP", gpu, 64 * gpu.size(), gpu.size(), false));
    return s;
  }

  /** The text of one scrape, as Prometheus reads it against its {@code sample_limit}. */
  private String scrape(UnaryOperator<SlurmMetrics.Builder> config) {
    SlurmMetrics m = config.apply(SlurmMetrics.builder().source(source).clock(clock)).build();
    opened.add(m);
    return Text.of(m.collect(WAIT));
  }

  private static long samples(String exposition) {
    return exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
  }

  @Test
  void defaultScrapeOfTenThousandNodesStaysUnderTheSampleLimit() {
    String text = scrape(b -> b);
    Exposition e = Exposition.parse(text);

    assertThat(e.sum("slurm_nodes_total")).isEqualTo(NODES);
    assertThat(e.value("slurm_partition_nodes_total", "partition", "gpu")).isEqualTo(GPU_NODES);
    assertThat(e.has("slurm_node_cpus_total")).isFalse();
    assertThat(e.value("slurm_exporter_collector_enabled", "collector", "node")).isEqualTo(0);
    assertThat(samples(text)).isLessThan(SAMPLE_LIMIT);
  }

  @Test
  void forcingThePerNodeGroupOnAtTenThousandNodesAddsSevenSeriesPerNode() {
    long defaults = samples(scrape(b -> b));
    String forced = scrape(b -> b.enable(CollectorGroup.NODE));

    // 7 families per node, plus slurm_node_cpu_load where slurmd reports a load (none of these nodes do)
    assertThat(samples(forced) - defaults).isEqualTo(7L * NODES);
    assertThat(samples(forced)).isGreaterThan(SAMPLE_LIMIT);
  }
}
