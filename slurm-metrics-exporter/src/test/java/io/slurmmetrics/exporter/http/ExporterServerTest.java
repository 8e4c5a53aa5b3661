package io.slurmmetrics.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.exporter.config.ListenAddress;
import io.slurmmetrics.exporter.web.Bcrypt;
import io.slurmmetrics.exporter.web.ClientAuth;
import io.slurmmetrics.exporter.web.TestPki;
import io.slurmmetrics.exporter.web.WebConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterServerTest {
  @TempDir
  static Path pkiDir;
  static TestPki pki;

  private final FakeClusters clusters = new FakeClusters();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private ExporterServer server;

  @BeforeAll
  static void makePki() throws Exception {
    pki = TestPki.create(pkiDir);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private ExporterServer start(WebConfig web) throws Exception {
    Gauge.builder().name("test_value").help("a value").register(registry).set(42);
    server = ExporterServer.start(ListenAddress.parse("127.0.0.1:0"), "/metrics", web, registry, clusters, "9.9.9");
    return server;
  }

  private static HttpResponse<String> get(HttpClient client, String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient plain() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static HttpClient tls(SSLContext ctx) {
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private String http(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Test
  void servesMetricsFromTheRegistry() throws Exception {
    start(WebConfig.none());
    HttpResponse<String> r = get(plain(), http("/metrics"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("test_value 42.0");
  }

  @Test
  void aFailingCollectorGivesAGeneric500NeverTheException() throws Exception {
    registry.register(new io.prometheus.metrics.model.registry.MultiCollector() {
      @Override
      public io.prometheus.metrics.model.snapshots.MetricSnapshots collect() {
        throw new IllegalStateException("boom with secret-detail");
      }
    });
    start(WebConfig.none());
    HttpResponse<String> r = get(plain(), http("/metrics"));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("secret-detail").doesNotContain("IllegalStateException")
        .doesNotContain("\tat ");
    assertThat(get(plain(), http("/-/healthy")).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownClusterIs404NamingTheKnownOnes() throws Exception {
    start(WebConfig.none());
    HttpResponse<String> r = get(plain(), http("/metrics?cluster=gamma"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("unknown cluster \"gamma\"; this exporter serves: alpha, beta\n");
    assertThat(get(plain(), http("/metrics?cluster=alpha")).statusCode()).isEqualTo(200);
  }

  @Test
  void readyOnlyOnceEveryClusterHasRefreshed() throws Exception {
    start(WebConfig.none());
    assertThat(get(plain(), http("/-/ready")).statusCode()).isEqualTo(503);
    clusters.ready = true;
    assertThat(get(plain(), http("/-/ready")).statusCode()).isEqualTo(200);
    assertThat(get(plain(), http("/-/healthy")).statusCode()).isEqualTo(200);
  }

  @Test
  void landingPageShowsVersionClustersHealthAndLinks() throws Exception {
    clusters.ready = true;
    start(WebConfig.none());
    HttpResponse<String> r = get(plain(), http("/"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.body()).contains("Version 9.9.9").contains("alpha").contains("beta")
        .contains("<span class=\"down\">degraded</span>")
        .contains("cli nodes: unreachable: &lt;boom&gt;")
        .contains("href=\"/metrics?cluster=alpha\"").contains("href=\"/-/ready\"");
    assertThat(get(plain(), http("/nothing-here")).statusCode()).isEqualTo(404);
  }

  @Test
  void basicAuthAcceptsTheRightPasswordOnly() throws Exception {
    start(new WebConfig(Optional.empty(), Map.of(), Map.of("prometheus", Bcrypt.hash("s3cret"))));
    HttpClient c = plain();
    assertThat(get(c, http("/metrics"), "Authorization", basic("prometheus", "s3cret")).statusCode()).isEqualTo(200);
    // a second request is answered from the verified-credentials cache: still the right answer
    assertThat(get(c, http("/metrics"), "Authorization", basic("prometheus", "s3cret")).body()).contains("test_value");
    assertThat(get(c, http("/metrics"), "Authorization", basic("prometheus", "wrong")).statusCode()).isEqualTo(401);
    assertThat(get(c, http("/metrics"), "Authorization", basic("nobody", "s3cret")).statusCode()).isEqualTo(401);
    HttpResponse<String> none = get(c, http("/metrics"));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith(
        "Basic realm="));
    assertThat(get(c, http("/"), "Authorization", basic("prometheus", "wrong")).statusCode()).isEqualTo(401);
  }

  private static WebConfig tlsConfig(Path key, ClientAuth auth, Map<String, String> users) {
    return new WebConfig(Optional.of(new WebConfig.Tls(pki.serverCert, key, auth,
        auth.verify() ? Optional.of(pki.caCert) : Optional.empty(), "TLSv1.2", Optional.empty(), List.of(),
        List.of())), Map.of(), users);
  }

  @Test
  void tlsWithAPkcs8KeyServesHttps() throws Exception {
    start(tlsConfig(pki.serverKey, ClientAuth.NO_CLIENT_CERT, Map.of()));
    assertThat(server.tls()).isTrue();
    HttpResponse<String> r = get(tls(pki.clientContext(false)), "https://localhost:" + server.port() + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("test_value 42.0");
    // plain HTTP to the TLS port gets no metrics
    assertThatThrownBy(() -> get(plain(), http("/metrics"))).isInstanceOf(IOException.class);
  }

  @Test
  void tlsWithAPkcs1KeyServesHttps() throws Exception {
    start(tlsConfig(pki.serverKeyPkcs1(), ClientAuth.NO_CLIENT_CERT, Map.of()));
    assertThat(get(tls(pki.clientContext(false)), "https://localhost:" + server.port() + "/-/healthy").statusCode())
        .isEqualTo(200);
  }

  @Test
  void mutualTlsServesAClientWithACertificateAndRefusesOneWithout() throws Exception {
    start(tlsConfig(pki.serverKey, ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT, Map.of()));
    String url = "https://localhost:" + server.port() + "/metrics";
    assertThat(get(tls(pki.clientContext(true)), url).body()).contains("test_value 42.0");
    assertThatThrownBy(() -> get(tls(pki.clientContext(false)), url)).isInstanceOf(IOException.class);
  }

  @Test
  void tlsAndBasicAuthTogether() throws Exception {
    start(tlsConfig(pki.serverKey, ClientAuth.NO_CLIENT_CERT, Map.of("p", Bcrypt.hash("pw"))));
    HttpClient c = tls(pki.clientContext(false));
    String url = "https://localhost:" + server.port() + "/metrics";
    assertThat(get(c, url, "Authorization", basic("p", "pw")).statusCode()).isEqualTo(200);
    assertThat(get(c, url).statusCode()).isEqualTo(401);
  }

  @Test
  void unusableKeyFileIsAConfigError() throws Exception {
    assertThatThrownBy(() -> start(tlsConfig(pki.serverCert, ClientAuth.NO_CLIENT_CERT, Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no PEM private key");
  }
}
