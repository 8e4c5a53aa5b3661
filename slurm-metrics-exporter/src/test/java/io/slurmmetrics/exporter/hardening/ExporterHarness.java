package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.exporter.Exporter;
import io.slurmmetrics.exporter.cluster.SourceFactory;
import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.exporter.config.ExporterConfig;
import io.slurmmetrics.exporter.config.ListenAddress;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.logging.Level;

/**
 * The exporter as {@code Main} runs it ({@link Exporter#start}: cluster set, client_java registry, JDK HTTP server,
 * background refresh, accounting poller), in this JVM so its log records can be captured, on a free loopback port.
 * Scrapes go over real HTTP with Prometheus' scrape-timeout header.
 */
final class ExporterHarness implements AutoCloseable {
  /** What Prometheus would send as its scrape timeout; every answer must arrive within it. */
  static final double SCRAPE_TIMEOUT_SECONDS = 3;

  private final Exporter exporter;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> bodies = new ArrayList<>();

  private ExporterHarness(Exporter exporter) {
    this.exporter = exporter;
  }

  /**
   * One REST cluster as the config file would describe it. Collector groups: the defaults minus fair share, which
   * Slurm 22.05 (API v0.0.38) cannot serve.
   */
  static ClusterConfig rest(String name, String url, Path tokenFile, Duration refresh) {
    return new ClusterConfig(Optional.of(name), "rest", Optional.of(url), Optional.of("slurm"),
        Optional.ofNullable(tokenFile), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Map.of(CollectorGroup.FAIRSHARE, false), Map.of(), refresh);
  }

  /**
   * Like the exporter's own {@code Sources} (same builder calls), with a request timeout a test can afford; the
   * production value is 20 s.
   */
  static SourceFactory restSources(Duration timeout) {
    return c -> {
      RestSource.Builder b = RestSource.builder().url(c.restUrl().orElseThrow()).timeout(timeout);
      c.restUser().ifPresent(b::user);
      c.tokenFile().ifPresent(b::tokenFile);
      c.apiVersion().ifPresent(b::apiVersion);
      c.name().ifPresent(b::clusterName);
      return b.build();
    };
  }

  static ExporterHarness start(List<ClusterConfig> clusters, SourceFactory sources) throws Exception {
    ExporterConfig config = new ExporterConfig(ListenAddress.parse("127.0.0.1:0"), "/metrics", Optional.empty(),
        Level.INFO, false, clusters);
    return new ExporterHarness(Exporter.start(config, Exporter.Mode.AGENT, sources));
  }

  int port() {
    return exporter.port();
  }

  /** A GET with the scrape-timeout header; asserts the answer came within that timeout. */
  HttpResponse<String> get(String pathAndQuery) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + pathAndQuery))
        .header("X-Prometheus-Scrape-Timeout-Seconds", Double.toString(SCRAPE_TIMEOUT_SECONDS))
        .timeout(Duration.ofSeconds(30))
        .build();
    long t0 = System.nanoTime();
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(seconds).as("%s answered after %.2f s, past the %s s scrape timeout", pathAndQuery, seconds,
        SCRAPE_TIMEOUT_SECONDS).isLessThan(SCRAPE_TIMEOUT_SECONDS);
    synchronized (bodies) {
      bodies.add(resp.body());
    }
    return resp;
  }

  /** One scrape of {@code /metrics}: 200, no stack trace, parseable. */
  Exposition scrape() throws Exception {
    HttpResponse<String> resp = get("/metrics");
    assertThat(resp.statusCode()).as("/metrics status").isEqualTo(200);
    assertNoStackTrace(resp.body());
    return Exposition.parse(resp.body());
  }

  /** No frame of a stack trace ({@code at pkg.Class.method(File.java:1)}) and no "Caused by:". */
  static void assertNoStackTrace(String body) {
    assertThat(body).doesNotContainPattern("(?m)^\\s*at [\\w$.]+\\([^)]*\\)").doesNotContain("Caused by:");
  }

  /** Scrapes until {@code condition} holds (deadline), returning that scrape; fails with the last one. */
  Exposition scrapeUntil(String what, Duration deadline, Predicate<Exposition> condition) throws Exception {
    return scrapeUntil(what, deadline, condition, e -> {});
  }

  /** Like {@link #scrapeUntil(String, Duration, Predicate)}, checking {@code everyScrape} on each scrape on the way. */
  Exposition scrapeUntil(String what, Duration deadline, Predicate<Exposition> condition,
      java.util.function.Consumer<Exposition> everyScrape) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    Exposition last = null;
    while (System.nanoTime() < end) {
      last = scrape();
      everyScrape.accept(last);
      if (condition.test(last)) return last;
      LockSupport.parkNanos(100_000_000L); // pace of the poll; the condition above is what the test waits for
    }
    throw new AssertionError("not within " + deadline + ": " + what + "; last scrape:\n" + describe(last));
  }

  static String describe(Exposition e) {
    if (e == null) return "(none)";
    StringBuilder b = new StringBuilder(e.samples().size() + " samples\n");
    for (Exposition.Sample s : e.samples()) {
      if (s.name().startsWith("slurm_up") || s.name().startsWith("slurm_exporter_collect_errors")) {
        b.append(s.name()).append(s.labels()).append(' ').append(s.value()).append('\n');
      }
    }
    return b.toString();
  }

  /** Every body served so far (metrics, landing page), for the secrets check. */
  List<String> bodies() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  Exporter exporter() {
    return exporter;
  }

  @Override
  public void close() {
    exporter.close();
  }
}
