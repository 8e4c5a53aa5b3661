package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.exposition.Exposition;
import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issue-9 scale cluster's node count (10,000 nodes, 1,000 with GPUs) served by the testkit's simulator: the
 * default configuration stays under the seed guide's {@code sample_limit} of 50,000 samples per scrape.
 */
class NodeSeriesAtScaleTest {
  private static final int SAMPLE_LIMIT = 50_000;
  private static final Duration WAIT = Duration.ofMinutes(1);

  private static FakeSlurmrestd rest;

  @BeforeAll
  static void startSimulatedCluster() {
    rest = FakeSlurmrestd.builder().responder(ClusterSimulator.builder().seed(9).clusterName("large")
        .cpuNodes(9_000).gpuNodes(1_000).queueTarget(2_000).build().responder()).start();
  }

  @AfterAll
  static void stop() {
    rest.close();
  }

  /** The text of one scrape, as Prometheus reads it against its {@code sample_limit}. */
  private static String scrape(UnaryOperator<SlurmMetrics.Builder> config) {
    try (RestSource source = RestSource.builder().url(rest.url()).apiVersion(ClusterSimulator.API_VERSION)
            .tokenFromEnvironment(false).timeout(WAIT).build();
        SlurmMetrics m = config.apply(SlurmMetrics.builder().source(source)).build()) {
      return Text.of(m.collect(WAIT));
    }
  }

  private static long samples(String exposition) {
    return exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
  }

  @Test
  void defaultScrapeOfTenThousandNodesStaysUnderTheSampleLimit() {
    String text = scrape(b -> b);
    Exposition e = Exposition.parse(text);

    assertThat(e.sum("slurm_nodes_total")).isEqualTo(10_000);
    assertThat(e.has("slurm_node_cpus_total")).isFalse();
    assertThat(e.value("slurm_exporter_collector_enabled", "collector", "node")).isEqualTo(0);
    assertThat(samples(text)).isLessThan(SAMPLE_LIMIT);
  }

  @Test
  void forcingThePerNodeGroupOnAtTenThousandNodesAddsEightyThousandSamples() {
    String text = scrape(b -> b.enable(CollectorGroup.NODE));
    Exposition e = Exposition.parse(text);

    assertThat(e.samples("slurm_node_cpus_total")).hasSize(10_000);
    assertThat(e.value("slurm_exporter_collector_enabled", "collector", "node")).isEqualTo(1);
    assertThat(samples(text)).isGreaterThan(80_000);
  }
}
