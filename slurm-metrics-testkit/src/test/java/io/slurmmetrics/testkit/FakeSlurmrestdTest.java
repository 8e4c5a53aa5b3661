package io.slurmmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeSlurmrestdTest {
  private static final FixtureSet HANDMADE =
      Fixtures.load(FakeSlurmrestdTest.class.getClassLoader(), "io/slurmmetrics/testkit/handmade/").get("99.01");

  private final OkHttpClient client = new OkHttpClient.Builder()
      .callTimeout(Duration.ofSeconds(10))
      .retryOnConnectionFailure(false)
      .build();
  private FakeSlurmrestd rest;

  @AfterEach
  void close() {
    if (rest != null) rest.close();
  }

  private Response get(String path, String user, String token) throws IOException {
    Request.Builder b = new Request.Builder().url(rest.url() + path);
    if (user != null) b.header("X-SLURM-USER-NAME", user);
    if (token != null) b.header("X-SLURM-USER-TOKEN", token);
    return client.newCall(b.build()).execute();
  }

  private Response get(String path) throws IOException {
    return get(path, "slurm", "tok");
  }

  private FakeSlurmrestd fixtures() {
    return FakeSlurmrestd.builder().fixtures(HANDMADE).user("slurm").token("tok").start();
  }

  @Test
  void servesFixtureFilesByPluginVersionAndEndpoint() throws IOException {
    rest = fixtures();
    try (Response r = get("/slurm/v0.0.38/nodes")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.body().string()).contains("\"n1\"");
    }
    try (Response r = get("/slurmdb/v0.0.38/jobs?start_time=now-1hour")) {
      assertThat(r.body().string()).contains("\"jobs\"");
    }
  }

  @Test
  void unknownVersionGetsTheRecordedPlainText404() throws IOException {
    rest = fixtures();
    try (Response r = get("/slurm/v0.0.99/ping")) {
      assertThat(r.code()).isEqualTo(404);
      assertThat(r.header("Content-Type")).startsWith("text/plain");
      assertThat(r.body().string()).startsWith("Unable find requested URL");
    }
    try (Response r = get("/slurm/v0.0.38/nonsense")) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  @Test
  void missingTokenIs401TextLikeSlurmrestd() throws IOException {
    rest = fixtures();
    try (Response r = get("/slurm/v0.0.38/ping", "slurm", null)) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(r.body().string()).isEqualTo("Authentication failure");
    }
    try (Response r = get("/slurm/v0.0.38/ping", null, "tok")) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void wrongTokenGetsTheVersionsRecordedBadTokenAnswer() throws IOException {
    rest = fixtures();
    try (Response r = get("/slurm/v0.0.38/ping", "slurm", "stale")) {
      assertThat(r.code()).isEqualTo(500);
      assertThat(r.body().string()).contains("\"errno\":-1");
    }
    // no recorded slurmdb case in this set: plain 401
    try (Response r = get("/slurmdb/v0.0.38/jobs", "slurm", "stale")) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void rotatedTokenReplacesTheOldOne() throws IOException {
    rest = fixtures();
    rest.token("new");
    try (Response r = get("/slurm/v0.0.38/ping", "slurm", "tok")) {
      assertThat(r.code()).isEqualTo(500);
    }
    try (Response r = get("/slurm/v0.0.38/ping", "slurm", "new")) {
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void updateTimeGetsTheRecordedUnchangedAnswer() throws IOException {
    rest = fixtures();
    try (Response r = get("/slurm/v0.0.38/nodes?update_time=1700000000")) {
      assertThat(r.code()).isEqualTo(304);
      assertThat(r.body().bytes()).isEmpty();
    }
    assertThat(rest.requests().get(0).queryParameter("update_time")).contains("1700000000");
  }

  @Test
  void countsRequestsPerPathIncludingFaultedOnes() throws IOException {
    rest = fixtures();
    rest.injectFault("/ping", Fault.status(502, "bad gateway"));
    for (int i = 0; i < 3; i++) get("/slurm/v0.0.38/nodes").close();
    get("/slurm/v0.0.38/ping").close();

    assertThat(rest.requestCount("/slurm/v0.0.38/nodes")).isEqualTo(3);
    assertThat(rest.requestCount("/slurm/v0.0.38/ping")).isEqualTo(1);
    assertThat(rest.requestCount("/slurm/v0.0.38/jobs")).isZero();
    assertThat(rest.requestCounts()).isEqualTo(Map.of("/slurm/v0.0.38/nodes", 3, "/slurm/v0.0.38/ping", 1));
  }

  @Test
  void responderPlugsInAnySimulator() throws IOException {
    rest = FakeSlurmrestd.builder()
        .responder(req -> req.path().endsWith("/ping") ? FakeResponse.json(200, "{\"pings\":[]}") : null)
        .start();
    try (Response r = get("/slurm/v0.0.45/ping", null, null)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).isEqualTo("{\"pings\":[]}");
    }
    try (Response r = get("/slurm/v0.0.45/nodes", null, null)) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  @Test
  void statusFaultAppliesToMatchingPathsUntilCleared() throws IOException {
    rest = fixtures();
    rest.injectFault("/nodes", Fault.status(502, "upstream down"));
    try (Response r = get("/slurm/v0.0.38/nodes")) {
      assertThat(r.code()).isEqualTo(502);
      assertThat(r.body().string()).isEqualTo("upstream down");
    }
    try (Response r = get("/slurm/v0.0.38/ping")) {
      assertThat(r.code()).isEqualTo(200);
    }
    rest.clearFaults();
    try (Response r = get("/slurm/v0.0.38/nodes")) {
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void htmlFaultServesAnHtmlPage() throws IOException {
    rest = fixtures();
    rest.injectFault("", Fault.html(502));
    try (Response r = get("/slurm/v0.0.38/nodes")) {
      assertThat(r.code()).isEqualTo(502);
      assertThat(r.header("Content-Type")).startsWith("text/html");
      assertThat(r.body().string()).startsWith("<html>");
    }
  }

  @Test
  void garbageFaultIs200JsonThatIsNotJson() throws IOException {
    rest = fixtures();
    rest.injectFault("/nodes", Fault.garbage());
    try (Response r = get("/slurm/v0.0.38/nodes")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.body().string()).doesNotStartWith("{");
    }
  }

  @Test
  void truncatedBodyEndsBeforeItsContentLength() throws IOException {
    rest = fixtures();
    rest.injectFault("/nodes", Fault.truncate(10));
    try (Response r = get("/slurm/v0.0.38/nodes")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().contentLength()).isGreaterThan(10);
      assertThatThrownBy(() -> r.body().string()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void disconnectGivesNoAnswer() {
    rest = fixtures();
    rest.injectFault("/nodes", Fault.disconnect());
    assertThatThrownBy(() -> get("/slurm/v0.0.38/nodes").close()).isInstanceOf(IOException.class);
  }

  @Test
  void delayedAnswerOutlastsAShortClientTimeout() throws IOException {
    rest = fixtures();
    rest.injectFault("/nodes", Fault.delay(Duration.ofSeconds(5)));
    OkHttpClient impatient = client.newBuilder().callTimeout(200, TimeUnit.MILLISECONDS).build();
    Request req = new Request.Builder().url(rest.url() + "/slurm/v0.0.38/ping")
        .header("X-SLURM-USER-NAME", "slurm").header("X-SLURM-USER-TOKEN", "tok").build();
    try (Response r = impatient.newCall(req).execute()) {
      assertThat(r.code()).isEqualTo(200); // other paths are not delayed
    }
    Request slow = req.newBuilder().url(rest.url() + "/slurm/v0.0.38/nodes").build();
    assertThatThrownBy(() -> impatient.newCall(slow).execute().close())
        .isInstanceOf(InterruptedIOException.class);
  }

  @Test
  void hungRequestNeverAnswersUntilClosed() {
    rest = fixtures();
    rest.injectFault("/diag", Fault.hang());
    OkHttpClient impatient = client.newBuilder().callTimeout(300, TimeUnit.MILLISECONDS).build();
    Request req = new Request.Builder().url(rest.url() + "/slurm/v0.0.38/diag")
        .header("X-SLURM-USER-NAME", "slurm").header("X-SLURM-USER-TOKEN", "tok").build();
    assertThatThrownBy(() -> impatient.newCall(req).execute().close())
        .isInstanceOf(InterruptedIOException.class);
    assertThat(rest.requestCount("/slurm/v0.0.38/diag")).isEqualTo(1);
  }

  @Test
  void fixtureSetListsFilesVersionsAndErrorCases() {
    assertThat(HANDMADE.slurmVersion()).isEqualTo("99.01");
    assertThat(HANDMADE.apiVersions()).containsExactly("v0.0.38");
    assertThat(HANDMADE.files("rest/v0.0.38/slurm/"))
        .containsExactly("rest/v0.0.38/slurm/nodes.json", "rest/v0.0.38/slurm/ping.json");
    assertThat(HANDMADE.errorCases()).containsExactly("bad-token-slurm", "unknown-version",
        "update-time-unchanged-nodes");
    FixtureSet.RecordedResponse badToken = HANDMADE.errorCase("bad-token-slurm").orElseThrow();
    assertThat(badToken.status()).isEqualTo(500);
    assertThat(badToken.bodyText()).contains("Unspecified error");
    assertThat(HANDMADE.errorCase("no-such-case")).isEmpty();
    assertThatThrownBy(() -> HANDMADE.open("rest/v0.0.38/slurm/jobs.json"))
        .hasMessageContaining("slurm-99.01").hasMessageContaining("jobs.json");
  }

  @Test
  void unknownFixtureVersionNamesTheRecordedOnes() {
    assertThatThrownBy(() -> Fixtures.of("1.0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0");
  }

  @Test
  void apiVersionsSortNumerically() {
    assertThat(FixtureSet.compareVersions("v0.0.9", "v0.0.38")).isNegative();
    assertThat(FixtureSet.compareVersions("24.11", "22.05")).isPositive();
  }

  @Test
  void countsStayExactUnderConcurrentClients() throws Exception {
    rest = fixtures();
    int threads = 8;
    int each = 25;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < each; i++) {
            try (Response r = get("/slurm/v0.0.38/nodes")) {
              if (r.code() == 200) ok++;
            }
          }
          return ok;
        }));
      }
      int ok = 0;
      for (java.util.concurrent.Future<Integer> f : results) ok += f.get(60, TimeUnit.SECONDS);
      assertThat(ok).isEqualTo(threads * each);
      assertThat(rest.requestCount("/slurm/v0.0.38/nodes")).isEqualTo(threads * each);
      assertThat(rest.requests()).hasSize(threads * each);
    } finally {
      pool.shutdownNow();
    }
  }
}
