package io.slurmmetrics.source.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSourceException;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fault;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every status-policy case on its recorded real answer ({@code errors/<case>/} of each Slurm version's fixtures),
 * served by FakeSlurmrestd in place of the normal answer.
 */
class StatusPolicyTest {
  private static final String TOKEN = jwt(Instant.parse("2030-01-01T00:00:00Z"));
  private static final String EXPIRED = jwt(Instant.parse("2026-01-01T00:00:00Z"));
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T06:40:00Z"), ZoneOffset.UTC);

  private FakeSlurmrestd rest;
  private RestSource source;

  @AfterEach
  void close() {
    if (source != null) source.close();
    if (rest != null) rest.close();
  }

  /** A JWT shaped like Slurm's (header.payload.signature) with the given expiry; not signed: the fake checks bytes. */
  static String jwt(Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(("{\"exp\":" + exp.getEpochSecond() + ",\"iat\":1700000000,\"sun\":\"slurm\"}")
        .getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".c2lnbmF0dXJl";
  }

  /** Serves {@code version}'s fixtures, with the recorded error case in place of the answer for {@code pathSuffix}. */
  private RestSource serve(String version, String errorCase, String pathSuffix, String sentToken,
      Consumer<RestSource.Builder> tweak) {
    FixtureSet set = Fixtures.of(version);
    rest = FakeSlurmrestd.builder().fixtures(set).start();
    FixtureSet.RecordedResponse recorded = set.errorCase(errorCase).orElseThrow();
    rest.injectFault(pathSuffix, Fault.response(FakeResponse.guess(recorded.status(), recorded.body())));
    RestSource.Builder b = RestSource.builder().url(rest.url()).user("slurm").clock(NOW)
        .tokenFromEnvironment(false).timeout(Duration.ofSeconds(10));
    if (sentToken != null) b.environment(k -> k.equals("SLURM_JWT") ? sentToken : null).tokenFromEnvironment(true);
    tweak.accept(b);
    source = b.build();
    return source;
  }

  private static SlurmSourceException failure(ThrowingRunnable r) {
    SlurmSourceException e = catchThrowableOfType(SlurmSourceException.class, r::run);
    assertThat(e).as("expected a SlurmSourceException").isNotNull();
    assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(EXPIRED).doesNotContain("\n");
    return e;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static String newest(String version) {
    List<String> v = Fixtures.of(version).apiVersions();
    return v.get(v.size() - 1);
  }

  // ------------------------------------------------------------------------------------------------ no token: 401

  @Test
  void missingTokenIs401TextAndAnAuthFailureOnEveryVersion() {
    for (String version : List.of("22.05", "24.11", "26.05")) {
      RestSource s = serve(version, "no-token", "/ping", null, b -> b.apiVersion(newest(version)));
      SlurmSourceException e = failure(s::ping);
      assertThat(e.kind()).as(version).isEqualTo(ErrorKind.AUTH);
      assertThat(e.endpoint()).isEqualTo(Endpoint.PING);
      assertThat(e.getMessage()).contains("HTTP 401", "Authentication failure", newest(version), s.name());
      close();
    }
  }

  // ------------------------------------------------------------------------------------------------ bad token

  @Test
  void expiredTokenOn2205SlurmIs500ErrnoMinusOneAndAnAuthFailure() {
    RestSource s = serve("22.05", "bad-token-slurm", "/jobs", EXPIRED, b -> b.apiVersion("v0.0.38"));
    SlurmSourceException e = failure(s::jobs);
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
    assertThat(e.slurmErrno()).isEqualTo(-1);
    assertThat(e.getMessage()).contains("HTTP 500", "errno -1", "expired at 2026-01-01T00:00:00Z");
  }

  @Test
  void sameErrnoMinusOneWithAValidTokenIsASlurmErrorNotAuth() {
    // slurmctld down on 22.05 gives this very body: without an expired token we cannot call it auth
    RestSource s = serve("22.05", "slurmctld-down-nodes", "/nodes", TOKEN, b -> b.apiVersion("v0.0.38"));
    SlurmSourceException e = failure(s::nodes);
    assertThat(e.kind()).isEqualTo(ErrorKind.SLURM_ERROR);
    assertThat(e.slurmErrno()).isEqualTo(-1);
    assertThat(e.getMessage()).contains("HTTP 500", "Unspecified error", "v0.0.38 GET /slurm/v0.0.38/nodes");
  }

  @Test
  void badTokenOn2411And2605SlurmIs511AndAnAuthFailure() {
    for (String version : List.of("24.11", "26.05")) {
      RestSource s = serve(version, "bad-token-slurm", "/jobs", EXPIRED, b -> b.apiVersion(newest(version)));
      SlurmSourceException e = failure(s::jobs);
      assertThat(e.kind()).as(version).isEqualTo(ErrorKind.AUTH);
      assertThat(e.slurmErrno()).isEqualTo(1007);
      assertThat(e.getMessage()).contains("HTTP 511", "errno 1007");
      close();
    }
  }

  @Test
  void expiredTokenOn2205SlurmdbIs200With1007AndAnAuthFailure() {
    RestSource s = serve("22.05", "bad-token-slurmdb", "/slurmdb/v0.0.38/jobs", EXPIRED, b -> b.apiVersion("v0.0.38"));
    SlurmSourceException e = failure(() -> s.accountingJobs(Instant.EPOCH, Instant.now()));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
    assertThat(e.endpoint()).isEqualTo(Endpoint.ACCOUNTING_JOBS);
    assertThat(e.slurmErrno()).isEqualTo(1007);
    assertThat(e.getMessage()).contains("HTTP 200", "Protocol authentication error");
  }

  @Test
  void badTokenOn2411SlurmdbIs502SayingAuthenticationAndAnAuthFailure() {
    RestSource s = serve("24.11", "bad-token-slurmdb", "/slurmdb/v0.0.42/jobs", EXPIRED, b -> b.apiVersion("v0.0.42"));
    SlurmSourceException e = failure(() -> s.accountingJobs(Instant.EPOCH, Instant.now()));
    assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
    assertThat(e.slurmErrno()).isEqualTo(7000);
    assertThat(e.getMessage()).contains("HTTP 502", "authentication error");
  }

  @Test
  void badTokenOn2605SlurmdbLooksLikeSlurmdbdDownAndIsReportedAsSuch() {
    // 26.05 answers an expired token on /slurmdb exactly like a stopped slurmdbd (502, 7000, same words)
    RestSource s = serve("26.05", "bad-token-slurmdb", "/slurmdb/v0.0.45/jobs", TOKEN, b -> b.apiVersion("v0.0.45"));
    SlurmSourceException e = failure(() -> s.accountingJobs(Instant.EPOCH, Instant.now()));
    assertThat(e.kind()).isEqualTo(ErrorKind.SLURM_ERROR);
    assertThat(e.slurmErrno()).isEqualTo(7000);
  }

  // ------------------------------------------------------------------------------------------------ daemons down

  @Test
  void slurmdbdDownOn2205Is200WithErrno7000AndAFailure() {
    RestSource s = serve("22.05", "slurmdbd-down-jobs", "/slurmdb/v0.0.38/jobs", TOKEN, b -> b.apiVersion("v0.0.38"));
    SlurmSourceException e = failure(() -> s.accountingJobs(Instant.EPOCH, Instant.now()));
    assertThat(e.kind()).isEqualTo(ErrorKind.SLURM_ERROR);
    assertThat(e.slurmErrno()).isEqualTo(7000);
    assertThat(e.getMessage()).contains("HTTP 200", "errno 7000", "Unable to connect to database");
  }

  @Test
  void slurmdbdDownOn2411And2605Is502WithErrno7000() {
    for (String version : List.of("24.11", "26.05")) {
      String api = newest(version);
      RestSource s = serve(version, "slurmdbd-down-jobs", "/slurmdb/" + api + "/jobs", TOKEN, b -> b.apiVersion(api));
      SlurmSourceException e = failure(() -> s.accountingJobs(Instant.EPOCH, Instant.now()));
      assertThat(e.kind()).as(version).isEqualTo(ErrorKind.SLURM_ERROR);
      assertThat(e.slurmErrno()).isEqualTo(7000);
      assertThat(e.getMessage()).contains("HTTP 502");
      close();
    }
  }

  @Test
  void slurmctldDownOn2411And2605Is502Errno1800AndUnreachable() {
    for (String version : List.of("24.11", "26.05")) {
      RestSource s = serve(version, "slurmctld-down-nodes", "/nodes", TOKEN, b -> b.apiVersion(newest(version)));
      SlurmSourceException e = failure(s::nodes);
      assertThat(e.kind()).as(version).isEqualTo(ErrorKind.UNREACHABLE);
      assertThat(e.slurmErrno()).isEqualTo(1800);
      assertThat(e.getMessage()).contains("HTTP 502", "Unable to contact slurm controller");
      close();
    }
  }

  // ------------------------------------------------------------------------------------------------ versions

  @Test
  void unknownVersion404DrivesNegotiationToTheNewestServed() throws Exception {
    for (String version : List.of("22.05", "24.11", "26.05")) {
      FixtureSet set = Fixtures.of(version);
      rest = FakeSlurmrestd.builder().fixtures(set).start();
      source = RestSource.builder().url(rest.url()).tokenFromEnvironment(false).build();
      assertThat(source.apiVersion()).as(version).isEqualTo(newest(version));
      assertThat(source.slurmdbApiVersion()).as(version).isEqualTo(newest(version));
      // newer versions were probed once each and answered with the recorded 404 text
      assertThat(rest.requestCount("/slurm/v0.0.45/ping")).isEqualTo(1);
      assertThat(source.nodes()).isNotEmpty();
      assertThat(source.ping().slurmVersion()).startsWith(version);
      close();
    }
  }

  @Test
  void pinnedVersionTheDaemonDoesNotServeIsUnsupported() {
    rest = FakeSlurmrestd.builder().fixtures(Fixtures.of("22.05")).start();
    source = RestSource.builder().url(rest.url()).tokenFromEnvironment(false).apiVersion("v0.0.42").build();
    SlurmSourceException e = failure(source::nodes);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
    assertThat(e.getMessage()).contains("pinned API version v0.0.42", "HTTP 404", "Unable find requested URL");
  }

  @Test
  void sharesOnV0038IsUnsupportedForThatEndpointOnly() throws Exception {
    rest = FakeSlurmrestd.builder().fixtures(Fixtures.of("22.05")).start();
    source = RestSource.builder().url(rest.url()).tokenFromEnvironment(false).build();
    SlurmSourceException e = failure(source::shares);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
    assertThat(e.endpoint()).isEqualTo(Endpoint.SHARES);
    assertThat(source.jobs()).isNotEmpty();
  }

  // ------------------------------------------------------------------------------------------------ update_time

  @Test
  void unchangedJobsAs200WithWarningReturnTheCachedListWithoutDecoding() throws Exception {
    for (String version : List.of("24.11", "26.05")) {
      FixtureSet set = Fixtures.of(version);
      String api = newest(version);
      rest = FakeSlurmrestd.builder().fixtures(set).start();
      source = RestSource.builder().url(rest.url()).tokenFromEnvironment(false).apiVersion(api).build();
      var first = source.jobs();
      FixtureSet.RecordedResponse unchanged = set.errorCase("update-time-unchanged-jobs").orElseThrow();
      rest.injectFault("/jobs", Fault.response(FakeResponse.guess(unchanged.status(), unchanged.body())));
      var second = source.jobs();
      assertThat(second).isSameAs(first).isNotEmpty();
      // the second request carried the first answer's last_update
      var sent = rest.requests().get(rest.requests().size() - 1);
      assertThat(sent.queryParameter("update_time")).isPresent();
      assertThat(Long.parseLong(sent.queryParameter("update_time").get())).isPositive();
      close();
    }
  }

  @Test
  void unchangedNodesAs304ReturnTheCachedList() throws Exception {
    FixtureSet set = Fixtures.of("26.05");
    rest = FakeSlurmrestd.builder().fixtures(set).start();
    source = RestSource.builder().url(rest.url()).tokenFromEnvironment(false).apiVersion("v0.0.45").build();
    var first = source.nodes();
    FixtureSet.RecordedResponse unchanged = set.errorCase("update-time-unchanged-nodes").orElseThrow();
    assertThat(unchanged.status()).isEqualTo(304);
    rest.injectFault("/nodes", Fault.response(FakeResponse.notModified()));
    assertThat(source.nodes()).isSameAs(first);
    assertThat(rest.requestCount("/slurm/v0.0.45/nodes")).isEqualTo(2);
  }

  @Test
  void unchangedNodesOn2411Are500SoUpdateTimeIsDroppedAndTheFullListRead() throws Exception {
    FixtureSet set = Fixtures.of("24.11");
    rest = FakeSlurmrestd.builder().fixtures(set).start();
    source = RestSource.builder().url(rest.url()).tokenFromEnvironment(false).apiVersion("v0.0.42").build();
    var first = source.nodes();
    FixtureSet.RecordedResponse quirk = set.errorCase("update-time-unchanged-nodes").orElseThrow();
    assertThat(quirk.status()).isEqualTo(500);
    // the recorded 500 only for requests with update_time; full reads still work
    rest.responder(req -> req.queryParameter("update_time").isPresent()
        ? FakeResponse.guess(quirk.status(), quirk.body())
        : FakeResponse.json(set.rest("v0.0.42", "slurm", "nodes").orElseThrow()));
    var second = source.nodes();
    assertThat(second).isEqualTo(first).isNotSameAs(first);
    var third = source.nodes();
    assertThat(third).isEqualTo(first);
    long withUpdateTime = rest.requests().stream().filter(r -> r.queryParameter("update_time").isPresent()).count();
    assertThat(withUpdateTime).as("update_time tried once, then dropped").isEqualTo(1);
  }

  @Test
  void v0038ResponsesCarryNoLastUpdateSoNoUpdateTimeIsSent() throws Exception {
    rest = FakeSlurmrestd.builder().fixtures(Fixtures.of("22.05")).start();
    source = RestSource.builder().url(rest.url()).tokenFromEnvironment(false).apiVersion("v0.0.38").build();
    source.jobs();
    source.jobs();
    assertThat(rest.requests()).allSatisfy(r -> assertThat(r.queryParameter("update_time")).isEmpty());
  }
}
