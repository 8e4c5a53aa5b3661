package io.slurmmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.metrics.Text;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.FixtureResponder;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole path (RestSource over HTTP to a fake slurmrestd serving recorded answers) under concurrent scrapes. */
class RestScrapeSharingTest {

  static Stream<String> versions() {
    return Fixtures.versions().stream();
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void fiftyConcurrentScrapesDuringOneRefreshCauseOneUpstreamRequestPerEndpoint(String version) throws Exception {
    FixtureSet set = Fixtures.of(version);
    List<String> apis = set.apiVersions();
    String api = apis.get(apis.size() - 1);
    FixtureResponder recorded = new FixtureResponder(set);
    CountDownLatch nodesArrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try (FakeSlurmrestd rest = FakeSlurmrestd.builder().responder(request -> {
          if (request.path().endsWith("/nodes")) {
            nodesArrived.countDown();
            try {
              release.await(30, TimeUnit.SECONDS); // the refresh is held here while the scrapes pile up
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return recorded.respond(request);
        }).start();
        RestSource source = RestSource.builder().url(rest.url()).apiVersion(api).tokenFromEnvironment(false)
            .timeout(Duration.ofSeconds(40)).build();
        SlurmMetrics metrics = SlurmMetrics.builder().source(source).build()) {
      CountDownLatch ready = new CountDownLatch(50);
      List<Future<Exposition>> scrapes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        scrapes.add(pool.submit(() -> {
          ready.countDown();
          return Text.parse(metrics.collect(Duration.ofSeconds(40)));
        }));
      }
      assertThat(ready.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(nodesArrived.await(20, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      for (Future<Exposition> f : scrapes) {
        Exposition e = f.get(40, TimeUnit.SECONDS);
        assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(1);
        assertThat(e.sum("slurm_nodes_total")).isEqualTo(6);
      }
      Map<String, Integer> counts = rest.requestCounts();
      assertThat(counts).as("requests per path").isNotEmpty();
      assertThat(counts.keySet()).anyMatch(p -> p.endsWith("/jobs")).anyMatch(p -> p.endsWith("/partitions"));
      counts.forEach((path, n) -> assertThat(n).as(path).isEqualTo(1));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
