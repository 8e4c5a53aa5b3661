package io.slurmmetrics.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HttpErrorHandlingPolicy;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.exporter.cluster.ClusterSet;
import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fault;
import io.slurmmetrics.testkit.exposition.Exposition;
import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The telemetry path's per-snapshot cache against client_java's own handler over the same registry: the same samples
 * in every format, the Slurm part encoded once per snapshot, and never served once the snapshot may not be.
 */
class CachedMetricsHandlerTest {
  private static final String TEXT = "text/plain; version=0.0.4";
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String PROTOBUF =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

  private final TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<FakeSlurmrestd> fakes = new ArrayList<>();
  private final List<SlurmMetrics> metrics = new ArrayList<>();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private ClusterSet clusters;
  private CachedMetricsHandler cached;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    List<ClusterSet.Member> members = new ArrayList<>();
    for (String name : List.of("alpha", "beta")) {
      FakeSlurmrestd fake = FakeSlurmrestd.builder().responder(ClusterSimulator.builder().seed(name.hashCode())
          .clusterName(name).clock(clock).cpuNodes(12).gpuNodes(2).queueTarget(30).build().responder()).start();
      fakes.add(fake);
      RestSource source = RestSource.builder().url(fake.url()).apiVersion(ClusterSimulator.API_VERSION)
          .tokenFromEnvironment(false).timeout(Duration.ofMinutes(1)).clusterName(name).build();
      // the scrape never waits for a refresh: the tests decide when a snapshot is taken
      SlurmMetrics m = SlurmMetrics.builder().source(source).clusterName(name).clock(clock)
          .refreshInterval(Duration.ofHours(1)).maxAge(Duration.ofHours(2)).scrapeTimeout(Duration.ZERO).build();
      metrics.add(m);
      ClusterConfig config = new ClusterConfig(Optional.of(name), "rest", Optional.of(fake.url()), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of(),
          Duration.ofHours(1), Optional.empty());
      members.add(new ClusterSet.Member(config, source, m));
    }
    clusters = new ClusterSet(members);
    registry.register(clusters);
    Gauge.builder().name("host_app_value").help("a family of the host's registry").register(registry).set(7);
    for (SlurmMetrics m : metrics) m.collector().refresher().refresh().join();

    MetricsHandler uncached = new MetricsHandler(PrometheusProperties.get(), registry,
        HttpErrorHandlingPolicy.builder().errorReporter(e -> {}).build());
    cached = new CachedMetricsHandler(PrometheusProperties.get(), registry, clusters, uncached, e -> {});
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/metrics", new MetricsEndpoint(cached, clusters));
    server.createContext("/reference", new MetricsEndpoint(uncached, clusters));
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) server.stop(0);
    if (clusters != null) clusters.close();
    fakes.forEach(FakeSlurmrestd::close);
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
        + path)).timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(method + " " + path).isEqualTo(200);
    return r;
  }

  private static byte[] plain(HttpResponse<byte[]> r) throws IOException {
    if (!r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) return r.body();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      return in.readAllBytes();
    }
  }

  private static String text(HttpResponse<byte[]> r) throws IOException {
    return new String(plain(r), StandardCharsets.UTF_8);
  }

  /** Samples, TYPE and HELP of a text or OpenMetrics body, order-free (the cached part comes first). */
  private static Set<String> parsed(String body) {
    Exposition e = Exposition.parse(body);
    Set<String> out = new HashSet<>();
    for (Exposition.Sample s : e.samples()) out.add(s.name() + new TreeMap<>(s.labels()) + " " + s.value());
    for (String family : e.families()) {
      out.add("TYPE " + family + " " + e.type(family).orElse("?"));
      out.add("HELP " + family + " " + e.help(family).orElse("?"));
    }
    return out;
  }

  private static Map<String, Metrics.MetricFamily> protobuf(byte[] body) throws IOException {
    Map<String, Metrics.MetricFamily> out = new TreeMap<>();
    InputStream in = new ByteArrayInputStream(body);
    for (Metrics.MetricFamily f; (f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null; ) {
      assertThat(out.put(f.getName(), f)).as("family %s twice", f.getName()).isNull();
    }
    return out;
  }

  @ParameterizedTest(name = "{0}, gzip {1}")
  @CsvSource({"text, false", "text, true", "openmetrics, false", "openmetrics, true", "protobuf, false",
      "protobuf, true"})
  void everyFormatServesWhatClientJavasOwnHandlerServes(String format, boolean gzip) throws Exception {
    String accept = switch (format) {
      case "text" -> TEXT;
      case "openmetrics" -> OPENMETRICS;
      default -> PROTOBUF;
    };
    String[] headers = gzip ? new String[] {"Accept", accept, "Accept-Encoding", "gzip"}
        : new String[] {"Accept", accept};
    HttpResponse<byte[]> ours = get("/metrics", headers);
    HttpResponse<byte[]> reference = get("/reference", headers);

    assertThat(ours.headers().firstValue("Content-Type")).isEqualTo(reference.headers().firstValue("Content-Type"));
    assertThat(ours.headers().firstValue("Content-Encoding"))
        .isEqualTo(reference.headers().firstValue("Content-Encoding"));
    if (format.equals("protobuf")) {
      Map<String, Metrics.MetricFamily> families = protobuf(plain(ours));
      assertThat(families).isEqualTo(protobuf(plain(reference)));
      assertThat(families).containsKeys("slurm_nodes_total", "slurm_up", "host_app_value");
    } else {
      String body = text(ours);
      assertThat(parsed(body)).isEqualTo(parsed(text(reference)));
      assertThat(body).contains("slurm_nodes_total{cluster=\"alpha\"").contains("slurm_nodes_total{cluster=\"beta\"")
          .contains("host_app_value");
      if (format.equals("openmetrics")) {
        assertThat(body).endsWith("\n# EOF\n");
        assertThat(body.indexOf("# EOF")).isEqualTo(body.length() - "# EOF\n".length());
      } else {
        assertThat(body).doesNotContain("# EOF");
      }
    }
    if (gzip) assertThat(gzipMembers(ours.body())).isEqualTo(1);
  }

  /** Counts gzip members by inflating each raw deflate stream in turn (a client that reads only one sees all). */
  private static int gzipMembers(byte[] body) throws Exception {
    int members = 0;
    int pos = 0;
    while (pos < body.length) {
      assertThat(body[pos] & 0xff).isEqualTo(0x1f);
      assertThat(body[pos + 1] & 0xff).isEqualTo(0x8b);
      assertThat(body[pos + 3]).as("no optional header fields").isZero();
      Inflater inflater = new Inflater(true);
      inflater.setInput(body, pos + 10, body.length - pos - 10);
      byte[] sink = new byte[64 * 1024];
      while (!inflater.finished()) {
        if (inflater.inflate(sink) == 0 && inflater.needsInput()) throw new AssertionError("truncated deflate data");
      }
      pos = body.length - inflater.getRemaining() + 8; // + CRC-32 and ISIZE
      inflater.end();
      members++;
    }
    return members;
  }

  @Test
  void aSecondScrapeOfTheSameSnapshotReusesTheEncodedBytes() throws Exception {
    String first = text(get("/metrics", "Accept", TEXT));
    assertThat(cached.encodings()).isEqualTo(1);
    String second = text(get("/metrics", "Accept", TEXT));

    assertThat(cached.encodings()).isEqualTo(1);
    assertThat(parsed(second)).isEqualTo(parsed(first));
    get("/metrics", "Accept", TEXT, "Accept-Encoding", "gzip");
    get("/metrics", "Accept", TEXT, "Accept-Encoding", "gzip");
    assertThat(cached.encodings()).as("one more kind of response, encoded once").isEqualTo(2);
  }

  @Test
  void aNewSnapshotIsEncodedAgain() throws Exception {
    get("/metrics", "Accept", TEXT);
    clock.advance(Duration.ofMinutes(10)); // the simulated clusters move on; still within the refresh interval
    for (SlurmMetrics m : metrics) m.collector().refresher().refresh().join();

    String body = text(get("/metrics", "Accept", TEXT));

    assertThat(cached.encodings()).isEqualTo(2);
    assertThat(parsed(body)).isEqualTo(parsed(text(get("/reference", "Accept", TEXT))));
  }

  @Test
  void anExpiredSnapshotIsNotServedFromTheCache() throws Exception {
    assertThat(text(get("/metrics", "Accept", TEXT))).contains("slurm_nodes_total");
    for (FakeSlurmrestd fake : fakes) fake.injectFault("", Fault.hang()); // no new snapshot can arrive
    clock.advance(Duration.ofHours(3)); // past the max age of 2 h

    Exposition e = Exposition.parse(text(get("/metrics", "Accept", TEXT)));

    assertThat(e.has("slurm_nodes_total")).isFalse();
    assertThat(e.value("slurm_up", "cluster", "alpha", "source", "nodes")).isZero();
    assertThat(e.has("host_app_value")).isTrue();
    assertThat(cached.encodings()).isEqualTo(1);
  }

  @Test
  void clusterSelectionAndNameFiltersServeWhatClientJavaServes() throws Exception {
    for (String query : List.of("?cluster=beta", "?name[]=slurm_nodes_total&name[]=slurm_up",
        "?cluster=alpha&name[]=slurm_nodes_total&name[]=host_app_value", "?name[]=host_app_value")) {
      String body = text(get("/metrics" + query, "Accept", OPENMETRICS));
      assertThat(parsed(body)).as(query).isEqualTo(parsed(text(get("/reference" + query, "Accept", OPENMETRICS))));
      assertThat(body).as(query).endsWith("# EOF\n");
    }
    Exposition beta = Exposition.parse(text(get("/metrics?cluster=beta", "Accept", TEXT)));
    assertThat(beta.samples("slurm_nodes_total")).isNotEmpty().allSatisfy(s -> assertThat(s.label("cluster"))
        .isEqualTo("beta"));
    Exposition filtered = Exposition.parse(text(get("/metrics?name[]=slurm_up", "Accept", TEXT)));
    assertThat(filtered.families()).containsExactly("slurm_up");
  }

  @Test
  void headAnswersTheLengthOfTheBodyWithoutTheBody() throws Exception {
    HttpResponse<byte[]> full = get("/metrics", "Accept", TEXT);
    HttpResponse<byte[]> head = send("HEAD", "/metrics", "Accept", TEXT);

    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(full.body().length);
  }

  @Test
  void aFailingCollectorGivesAGeneric500NeverTheException() throws Exception {
    registry.register(new MultiCollector() {
      @Override
      public MetricSnapshots collect() {
        throw new IllegalStateException("boom with secret-detail");
      }
    });
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.getAddress().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("secret-detail").doesNotContain("IllegalStateException")
        .doesNotContain("\tat ");
  }

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
