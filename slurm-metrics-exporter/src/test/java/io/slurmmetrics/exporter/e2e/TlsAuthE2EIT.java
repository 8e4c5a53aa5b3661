package io.slurmmetrics.exporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slurmmetrics.exporter.web.Bcrypt;
import io.slurmmetrics.exporter.web.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar (relocated bcrypt, the JDK's TLS) with a web config: mTLS and basic auth over HTTPS. */
@Tag("e2e")
class TlsAuthE2EIT {
  @TempDir
  Path dir;

  private static HttpResponse<String> get(HttpClient c, String url, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (auth != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void mutualTlsAndBasicAuthProtectTheDemo() throws Exception {
    TestPki pki = TestPki.create(dir);
    Path web = dir.resolve("web-config.yml");
    Files.writeString(web, """
        tls_server_config:
          cert_file: %s
          key_file: %s
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: %s
        basic_auth_users:
          prometheus: %s
        """.formatted(pki.serverCert, pki.serverKey, pki.caCert, Bcrypt.hash("right horse battery")));
    int port = ExporterProcess.freePort();
    try (ExporterProcess p = ExporterProcess.standalone(dir, port, Map.of(), "--demo",
        "--web.listen-address=127.0.0.1:" + port, "--web.config.file=" + web)) {
      HttpClient withCert = HttpClient.newBuilder().sslContext(pki.clientContext(true)).build();
      HttpClient withoutCert = HttpClient.newBuilder().sslContext(pki.clientContext(false)).build();
      String url = "https://localhost:" + port + "/metrics";
      Instant deadline = Instant.now().plusSeconds(60);
      HttpResponse<String> ok = null;
      while (ok == null && Instant.now().isBefore(deadline)) {
        assertThat(p.process.isAlive()).as("exporter running; stderr: %s", p.stderr()).isTrue();
        try {
          ok = get(withCert, url, "prometheus:right horse battery");
        } catch (IOException notYet) {
          p.process.waitFor(250, TimeUnit.MILLISECONDS);
        }
      }
      assertThat(ok).isNotNull();
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("slurm_up");
      assertThat(get(withCert, url, "prometheus:wrong").statusCode()).isEqualTo(401);
      assertThat(get(withCert, url, null).statusCode()).isEqualTo(401);
      assertThatThrownBy(() -> get(withoutCert, url, "prometheus:right horse battery"))
          .isInstanceOf(IOException.class);
      assertThat(p.stderr()).contains("listening on https://127.0.0.1:" + port + "/metrics with basic auth");
    }
  }
}
