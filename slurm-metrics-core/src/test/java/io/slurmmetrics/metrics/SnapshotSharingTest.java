package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import io.slurmmetrics.snapshot.TestClock;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One snapshot per interval shared by every scrape; budgets and max age bound what a scrape waits for and sees. */
class SnapshotSharingTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Duration GUARD = Duration.ofSeconds(20); // only against hangs: never a speed claim

  private final TestClock clock = new TestClock();
  private final FakeSlurmSource source = TestCluster.source(clock.instant());
  private SlurmMetrics metrics;

  @AfterEach
  void close() {
    source.open();
    if (metrics != null) metrics.close();
  }

  private SlurmMetrics build() {
    metrics = SlurmMetrics.builder().source(source).clock(clock).refreshInterval(Duration.ofSeconds(30))
        .maxAge(Duration.ofSeconds(90)).build();
    return metrics;
  }

  @Test
  void fiftyConcurrentScrapesDuringOneRefreshCauseOneRequestPerEndpoint() throws Exception {
    SlurmMetrics m = build();
    source.holdFetches();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      CountDownLatch ready = new CountDownLatch(50);
      List<Future<Exposition>> scrapes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        scrapes.add(pool.submit(() -> {
          ready.countDown();
          return Text.parse(m.collect(LONG));
        }));
      }
      assertThat(ready.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(source.awaitFetchStarted(20)).isTrue();
      source.open();
      for (Future<Exposition> f : scrapes) {
        Exposition e = f.get(20, TimeUnit.SECONDS);
        assertThat(e.value("slurm_cluster_cpus_total")).isEqualTo(40);
      }
    } finally {
      pool.shutdownNow();
    }
    for (Endpoint e : m.collector().refresher().endpoints()) {
      assertThat(source.calls(e)).as(e.label()).isEqualTo(1);
    }
  }

  @Test
  void aScrapeNeverWaitsLongerThanItsBudgetAndServesNoDataItDoesNotHave() {
    SlurmMetrics m = build();
    source.holdFetches();
    Exposition e = assertTimeoutPreemptively(GUARD, () -> Text.parse(m.collect(Duration.ofMillis(100))));
    assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(0);
    assertThat(e.value("slurm_controller_up")).isEqualTo(0);
    assertThat(e.has("slurm_cluster_cpus_total")).isFalse();
    assertThat(e.has("slurm_exporter_build_info")).isTrue();
    assertThat(m.status().ready()).isFalse();
  }

  @Test
  void previousSnapshotIsServedUntilMaxAgeThenNothing() {
    SlurmMetrics m = build();
    assertThat(Text.parse(m.collect(LONG)).value("slurm_cluster_cpus_total")).isEqualTo(40);

    source.holdFetches();
    clock.advance(Duration.ofSeconds(45)); // older than the interval, younger than max age
    Exposition stale = assertTimeoutPreemptively(GUARD, () -> Text.parse(m.collect(Duration.ofMillis(50))));
    assertThat(stale.value("slurm_cluster_cpus_total")).isEqualTo(40);
    assertThat(stale.value("slurm_up", "source", "nodes")).isEqualTo(1);
    assertThat(stale.value("slurm_exporter_snapshot_age_seconds")).isEqualTo(45);

    clock.advance(Duration.ofSeconds(60)); // 105 s: beyond max age
    Exposition expired = assertTimeoutPreemptively(GUARD, () -> Text.parse(m.collect(Duration.ofMillis(50))));
    assertThat(expired.has("slurm_cluster_cpus_total")).isFalse();
    assertThat(expired.value("slurm_up", "source", "nodes")).isEqualTo(0);
    assertThat(m.status().ready()).isTrue();

    source.open();
    Exposition fresh = Text.parse(m.collect(LONG));
    assertThat(fresh.value("slurm_cluster_cpus_total")).isEqualTo(40);
    assertThat(fresh.value("slurm_up", "source", "nodes")).isEqualTo(1);
  }

  @Test
  void scrapeTimeoutHeaderFromClientJavasHttpRequestSetsTheBudget() {
    SlurmMetrics m = build();
    source.holdFetches();
    PrometheusScrapeRequest request = new HttpLikeRequest("0.6"); // 0.6 s minus the 0.5 s margin
    Exposition e = assertTimeoutPreemptively(GUARD, () -> Text.parse(m.collector().collect(request)));
    assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(0);
  }

  @Test
  void combinedClustersShareOneBudgetAndFetchInParallel() throws Exception {
    FakeSlurmSource other = TestCluster.source(clock.instant());
    SlurmMetrics a = build();
    try (SlurmMetrics b = SlurmMetrics.builder().source(other).clock(clock).clusterName("other").build()) {
      source.holdFetches();
      other.holdFetches();
      var combined = SlurmMetrics.combined(List.of(a, b));
      Exposition e = assertTimeoutPreemptively(GUARD,
          () -> Text.parse(combined.collect(new HttpLikeRequest("0.7"))));
      assertThat(source.awaitFetchStarted(0)).isTrue();
      assertThat(other.awaitFetchStarted(0)).as("second cluster's refresh started without waiting for the first")
          .isTrue();
      assertThat(e.samples("slurm_up", "source", "nodes")).hasSize(2).allMatch(s -> s.value() == 0);
      other.open();
    }
  }

  @Test
  void timeoutHeaderIsReadWhenPresentAndIgnoredWhenMalformed() {
    assertThat(SlurmCollector.timeoutHeader(new HttpLikeRequest("10"))).contains(10.0);
    assertThat(SlurmCollector.timeoutHeader(new HttpLikeRequest("abc"))).isEmpty();
    assertThat(SlurmCollector.timeoutHeader(new HttpLikeRequest(null))).isEmpty();
    assertThat(SlurmCollector.timeoutHeader(null)).isEmpty();
  }

  @Test
  void backgroundRefreshRunsOnADaemonThreadAndStopsOnClose() throws Exception {
    SlurmMetrics m = build().start();
    Instant deadline = Instant.now().plusSeconds(20);
    while (!m.status().ready() && Instant.now().isBefore(deadline)) Thread.onSpinWait();
    assertThat(m.status().ready()).isTrue();
    assertThat(m.status().clusterName()).isEqualTo("testcluster");
    assertThat(m.status().lastSuccess()).contains(clock.instant());
    List<Thread> refreshThreads = refreshThreads();
    assertThat(refreshThreads).isNotEmpty().allMatch(Thread::isDaemon);
    // the scrape finds the background snapshot: no fetch of its own
    Text.parse(m.collect(LONG));
    assertThat(source.calls(Endpoint.NODES)).isEqualTo(1);
    m.close();
    for (Thread t : refreshThreads) {
      t.join(20_000);
      assertThat(t.isAlive()).isFalse();
    }
  }

  private static List<Thread> refreshThreads() {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("slurm-metrics-refresh-") && t.isAlive()) out.add(t);
    }
    return out;
  }

  /** Shaped like client_java's PrometheusHttpRequest: a getHeader(String) method. */
  public static final class HttpLikeRequest implements PrometheusScrapeRequest {
    private final String timeout;

    HttpLikeRequest(String timeout) {
      this.timeout = timeout;
    }

    public String getHeader(String name) {
      return name.equals("X-Prometheus-Scrape-Timeout-Seconds") ? timeout : null;
    }

    @Override
    public String getRequestPath() {
      return "/metrics";
    }

    @Override
    public String[] getParameterValues(String name) {
      return null;
    }
  }
}
