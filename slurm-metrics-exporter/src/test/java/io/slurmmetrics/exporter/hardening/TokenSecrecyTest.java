package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.testkit.FakeRequest;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token never leaves the request header: the packaged exporter jar, at debug level (stack traces on), reads a
 * 22.05 FakeSlurmrestd through an expired token, a wrong token, a missing token file and finally the right token.
 * Everything it printed (stdout and stderr), every {@code /metrics} body and landing page, and every request line
 * the fake received are searched for each token and its signature: never found.
 */
@Tag("e2e")
class TokenSecrecyTest {
  static final String WRONG = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1biI6ImV2ZSJ9.d3Jvbmctc2lnbmF0dXJlLTQy";

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> bodies = new ArrayList<>();

  @Test
  void noTokenInAnyLogLineErrorMessageLandingPageMetricOrUrl() throws Exception {
    Path token = dir.resolve("jwt");
    Files.writeString(token, FaultMatrixTest.EXPIRED + "\n");
    try (FakeSlurmrestd fake = FakeSlurmrestd.builder().fixtures(Fixtures.of("22.05")).user("slurm")
            .token(FaultMatrixTest.VALID).start();
        ExporterJar exporter = ExporterJar.start(dir, List.of(), List.of("--slurm.rest.url=" + fake.url(),
            "--slurm.rest.user=slurm", "--slurm.rest.token-file=" + token, "--slurm.cluster-name=secret",
            "--refresh.interval=1s", "--log.level=debug"))) {
      // expired: /slurm 500 errno -1 named as an expired JWT, /slurmdb 200 + 1007
      scrapeUntil(exporter, "expired token reported as auth", e -> e.sum("slurm_exporter_collect_errors_total",
          "source", "ping", "kind", "auth") > 0 && e.sum("slurm_exporter_collect_errors_total", "source", "database",
          "kind", "auth") > 0);
      assertThat(landing(exporter)).contains("expired");

      Files.writeString(token, WRONG + "\n"); // valid-looking, not expired, not accepted
      scrapeUntil(exporter, "wrong token reported", e -> e.sum("slurm_exporter_collect_errors_total", "source",
          "ping", "kind", "slurm_error") > 0);
      landing(exporter);

      Files.delete(token);
      double authBefore = lastAuth;
      scrapeUntil(exporter, "missing token file reported as auth", e -> e.sum("slurm_exporter_collect_errors_total",
          "source", "ping", "kind", "auth") > authBefore);
      assertThat(landing(exporter)).contains(token.toString());

      Files.writeString(token, FaultMatrixTest.VALID + "\n");
      // every source but fair share, which 22.05 (API v0.0.38) does not serve
      scrapeUntil(exporter, "the right token works", e -> e.samples("slurm_up", "cluster", "secret").stream()
          .allMatch(s -> s.value() == 1.0 || "shares".equals(s.label("source"))));
      landing(exporter);

      String output = exporter.output();
      assertThat(output).contains("level=warn").contains("auth");
      List<String> requestLines = new ArrayList<>();
      for (FakeRequest r : fake.requests()) requestLines.add(r.path() + "?" + r.query());
      List<String> everything = new ArrayList<>(bodies);
      everything.addAll(requestLines);
      Secrets.assertAbsent(List.of(FaultMatrixTest.VALID, FaultMatrixTest.EXPIRED, WRONG), everything, output, "");
      assertThat(fake.requests()).allSatisfy(r -> assertThat(r.header("X-SLURM-USER-TOKEN")).isPresent());
    }
  }

  private double lastAuth;

  private String landing(ExporterJar exporter) throws Exception {
    String body = get(exporter, "/").body();
    ExporterHarness.assertNoStackTrace(body);
    return body;
  }

  private HttpResponse<String> get(ExporterJar exporter, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(exporter.url(path)))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    bodies.add(r.body());
    return r;
  }

  private void scrapeUntil(ExporterJar exporter, String what, Predicate<Exposition> condition) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      assertThat(exporter.process.isAlive()).as(exporter.output()).isTrue();
      try {
        HttpResponse<String> r = get(exporter, "/metrics");
        if (r.statusCode() == 200) {
          ExporterHarness.assertNoStackTrace(r.body());
          Exposition e = Exposition.parse(r.body());
          lastAuth = e.sum("slurm_exporter_collect_errors_total", "source", "ping", "kind", "auth");
          if (condition.test(e)) return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      LockSupport.parkNanos(200_000_000L); // pace of the poll
    }
    throw new AssertionError("not within 60 s: " + what + "\n" + exporter.output());
  }
}
