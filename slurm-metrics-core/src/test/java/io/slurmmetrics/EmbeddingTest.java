package io.slurmmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.slurmmetrics.metrics.Text;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host application with its own registry, JVM metrics and a metric of its own embeds the collector. */
class EmbeddingTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<SlurmMetrics> opened = new ArrayList<>();
  private final Counter hostRequests;

  EmbeddingTest() {
    JvmMetrics.builder().register(registry);
    hostRequests = Counter.builder().name("host_requests_total").help("The host's own counter.").register(registry);
    hostRequests.inc();
  }

  @AfterEach
  void close() {
    opened.forEach(SlurmMetrics::close);
  }

  private SlurmMetrics slurm(FakeSlurmSource source, String cluster) {
    SlurmMetrics m = SlurmMetrics.builder().source(source).clusterName(cluster)
        .scrapeTimeout(Duration.ofSeconds(20)).build();
    opened.add(m);
    return m;
  }

  private static FakeSlurmSource smallCluster() {
    FakeSlurmSource s = new FakeSlurmSource();
    s.nodes = List.of(io.slurmmetrics.model.Node.builder("n1").state(io.slurmmetrics.model.State.of("IDLE"))
        .cpusTotal(4).partitions(List.of("p")).build());
    return s;
  }

  @Test
  void oneScrapeOfTheHostRegistryShowsHostJvmAndSlurmMetrics() {
    SlurmMetrics m = slurm(smallCluster(), "embedded");
    m.register(registry);
    Exposition e = Text.parse(registry.scrape());
    assertThat(e.value("host_requests_total")).isEqualTo(1);
    assertThat(e.has("jvm_memory_used_bytes")).isTrue();
    assertThat(e.value("slurm_cluster_cpus_total", "cluster", "embedded")).isEqualTo(4);
    assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(1);
  }

  @Test
  void unregisterRemovesEverySlurmFamilyAndLeavesTheHostsAlone() {
    SlurmMetrics m = slurm(smallCluster(), "embedded");
    m.register(registry);
    m.unregister(registry);
    Exposition e = Text.parse(registry.scrape());
    assertThat(e.names()).noneMatch(n -> n.startsWith("slurm_"));
    assertThat(e.has("jvm_memory_used_bytes")).isTrue();
    assertThatCode(() -> m.register(registry)).as("can register again").doesNotThrowAnyException();
  }

  @Test
  void aFailingSlurmSourceNeverBreaksTheHostsScrape() {
    FakeSlurmSource broken = smallCluster();
    for (Endpoint ep : Endpoint.values()) broken.fail(ep, ErrorKind.UNREACHABLE);
    broken.crash(Endpoint.NODES, new IllegalStateException("a bug in a reader"));
    SlurmMetrics m = slurm(broken, "embedded");
    m.register(registry);
    Exposition e = Text.parse(registry.scrape());
    assertThat(e.value("host_requests_total")).isEqualTo(1);
    assertThat(e.has("jvm_threads_current")).isTrue();
    assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(0);
    assertThat(e.value("slurm_controller_up")).isEqualTo(0);
    assertThat(e.has("slurm_cluster_cpus_total")).isFalse();
  }

  @Test
  void registeringTheSameClusterTwiceIsRefusedWithTheFamilyNamed() {
    slurm(smallCluster(), "a").register(registry);
    SlurmMetrics second = slurm(smallCluster(), "b");
    assertThatThrownBy(() -> second.register(registry)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slurm_");
  }

  @Test
  void severalClustersRegisterAsOneCombinedCollector() {
    SlurmMetrics a = slurm(smallCluster(), "a");
    SlurmMetrics b = slurm(smallCluster(), "b");
    registry.register(SlurmMetrics.combined(List.of(a, b)));
    String text = Text.of(registry.scrape());
    Exposition e = Exposition.parse(text);
    assertThat(e.value("slurm_cluster_cpus_total", "cluster", "a")).isEqualTo(4);
    assertThat(e.value("slurm_cluster_cpus_total", "cluster", "b")).isEqualTo(4);
    assertThat(e.samples("slurm_exporter_build_info")).hasSize(1);
    assertThat(text.split("# TYPE slurm_cluster_cpus_total ", -1)).as("one TYPE line per family").hasSize(2);
  }
}
