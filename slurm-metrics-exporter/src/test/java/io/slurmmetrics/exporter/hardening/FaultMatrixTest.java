package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fault;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix of issue 8 against the real exporter (HTTP, cluster set, refresh, logging) and FakeSlurmrestd
 * serving recorded real answers. Two clusters: {@code faulty} gets the fault, {@code healthy} never does. For each
 * fault: every {@code /metrics} answers 200 within the scrape timeout without a stack trace; {@code slurm_up} is 0 for
 * the failing sources only and the other cluster stays up; the error counter rises with the expected {@code kind};
 * one warning line per failed fetch, without a throwable; the token appears nowhere; after the fault goes away the
 * next refresh brings {@code slurm_up 1} and fresh, correct values back. Faults that need real daemons (stopped
 * slurmctld, slurmdbd, slurmrestd) are in {@link LabFaultTest}.
 */
class FaultMatrixTest {
  /** JWT-shaped so the expired-token diagnosis can read {@code exp}; the payloads say exp 2100-01-01 and 2020. */
  static final String VALID = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInN1biI6InNsdXJtIn0.dmFsaWQtc2lnbmF0dXJl";
  static final String EXPIRED = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE2MDAwMDAwMDAsInN1biI6InNsdXJtIn0.ZXhwaXJlZC1zaWc";
  static final String ROTATED = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDEsInN1biI6InNsdXJtIn0.cm90YXRlZC1zaWduYXR1cmUx";

  /** The lab (and so every recorded fixture set) has 6 nodes of 8 CPUs: docs/lab.md. */
  static final double LAB_NODES = 6;
  static final double LAB_CPUS = 48;

  static final Duration REFRESH = Duration.ofSeconds(2);
  static final Duration SOURCE_TIMEOUT = Duration.ofSeconds(2);
  static final Set<Endpoint> SLURMCTLD_DATA = EnumSet.of(Endpoint.NODES, Endpoint.PARTITIONS, Endpoint.JOBS,
      Endpoint.RESERVATIONS, Endpoint.LICENSES, Endpoint.DIAG);

  @TempDir
  Path dir;

  /** What a fault does to the faulty cluster's fake and token file, and how it goes away. */
  interface Step {
    void run(FakeSlurmrestd fake, Path tokenFile) throws Exception;
  }

  @Test
  void http401OnOneEndpointIsAnAuthFailureOfThatEndpointOnly() throws Exception {
    prove("26.05", EnumSet.of(Endpoint.PARTITIONS), ErrorKind.AUTH, SOURCE_TIMEOUT,
        (fake, token) -> fake.injectFault("/partitions", Fault.status(401, "Authentication failure")),
        (fake, token) -> fake.clearFaults());
  }

  @Test
  void expiredTokenOn2205Is500OnSlurmAnd200With1007OnSlurmdbBothAuthFailures() throws Exception {
    // 22.05 answers an expired token with 500 errno -1 on /slurm and 200 + error 1007 on /slurmdb (recorded)
    prove("22.05", EnumSet.of(Endpoint.PING, Endpoint.NODES, Endpoint.PARTITIONS, Endpoint.JOBS,
            Endpoint.RESERVATIONS, Endpoint.LICENSES, Endpoint.DIAG, Endpoint.DATABASE), ErrorKind.AUTH,
        SOURCE_TIMEOUT,
        (fake, token) -> Files.writeString(token, EXPIRED + "\n"),
        (fake, token) -> Files.writeString(token, VALID + "\n"));
  }

  @Test
  void tokenRotatedWhileRunningFailsAsAuthUntilTheNewTokenFileIsReadWithoutRestart() throws Exception {
    // 24.11 (recorded): 511 + 1007 on /slurm, 502 + 7000 "authentication error" on /slurmdb
    prove("24.11", EnumSet.of(Endpoint.PING, Endpoint.NODES, Endpoint.PARTITIONS, Endpoint.JOBS,
            Endpoint.RESERVATIONS, Endpoint.LICENSES, Endpoint.DIAG, Endpoint.DATABASE), ErrorKind.AUTH,
        SOURCE_TIMEOUT,
        (fake, token) -> fake.token(ROTATED),          // slurmrestd now only accepts the re-minted token
        (fake, token) -> Files.writeString(token, ROTATED + "\n")); // the operator's cron job writes it
  }

  @Test
  void rotatedTokenOn2605IsAuthOnSlurmButSlurmdbAnswersExactlyAsIfSlurmdbdWereDown() throws Exception {
    // 26.05 answers a bad token on /slurmdb with the very body it gives when slurmdbd is down (502, 7000, no word
    // of authentication; both recorded): the database side can only be reported as a Slurm error
    Map<Endpoint, ErrorKind> kinds = new EnumMap<>(Endpoint.class);
    for (Endpoint e : List.of(Endpoint.PING, Endpoint.NODES, Endpoint.PARTITIONS, Endpoint.JOBS,
        Endpoint.RESERVATIONS, Endpoint.LICENSES, Endpoint.DIAG)) {
      kinds.put(e, ErrorKind.AUTH);
    }
    kinds.put(Endpoint.DATABASE, ErrorKind.SLURM_ERROR);
    prove("26.05", kinds, SOURCE_TIMEOUT,
        (fake, token) -> fake.token(ROTATED),
        (fake, token) -> Files.writeString(token, ROTATED + "\n"));
  }

  @Test
  void unknownApiVersionOrPathAnswered404TextIsUnsupported() throws Exception {
    FixtureSet set = Fixtures.of("26.05");
    byte[] body = set.errorCase("unknown-version").orElseThrow().body();
    prove("26.05", EnumSet.of(Endpoint.NODES), ErrorKind.UNSUPPORTED, SOURCE_TIMEOUT,
        (fake, token) -> fake.injectFault("/nodes", Fault.response(FakeResponse.guess(404, body))),
        (fake, token) -> fake.clearFaults());
  }

  @Test
  void responseHangingPastTheScrapeTimeoutIsATimeoutWhileScrapesAnswerInTime() throws Exception {
    prove("26.05", EnumSet.of(Endpoint.JOBS), ErrorKind.TIMEOUT, SOURCE_TIMEOUT,
        (fake, token) -> fake.injectFault("/jobs", Fault.hang()),
        (fake, token) -> fake.clearFaults());
  }

  @Test
  void truncatedJsonIsABadPayload() throws Exception {
    prove("26.05", EnumSet.of(Endpoint.DIAG), ErrorKind.BAD_PAYLOAD, SOURCE_TIMEOUT,
        (fake, token) -> fake.injectFault("/slurm/v0.0.45/diag", Fault.truncate(300)),
        (fake, token) -> fake.clearFaults());
  }

  @Test
  void htmlErrorPageFromAProxyIsUnreachable() throws Exception {
    prove("26.05", EnumSet.of(Endpoint.RESERVATIONS), ErrorKind.UNREACHABLE, SOURCE_TIMEOUT,
        (fake, token) -> fake.injectFault("/reservations", Fault.html(502)),
        (fake, token) -> fake.clearFaults());
  }

  @Test
  void gigabyteBodyIsCutAtTheBodyLimitAsABadPayload() throws Exception {
    // the production request timeout (20 s): reading up to the 256 MiB limit must not be mistaken for a hang
    prove("26.05", EnumSet.of(Endpoint.LICENSES), ErrorKind.BAD_PAYLOAD, Duration.ofSeconds(20),
        (fake, token) -> fake.injectFault("/licenses", Fault.largeBody(1L << 30)),
        (fake, token) -> fake.clearFaults());
  }

  @Test
  void slurmdbdDownOn2205Is200WithError7000AndOnlyTheDatabaseGoesDown() throws Exception {
    FixtureSet set = Fixtures.of("22.05");
    FixtureSet.RecordedResponse down = set.errorCase("slurmdbd-down-jobs").orElseThrow();
    assertThat(down.status()).isEqualTo(200);
    prove("22.05", EnumSet.of(Endpoint.DATABASE), ErrorKind.SLURM_ERROR, SOURCE_TIMEOUT,
        (fake, token) -> fake.injectFault("/slurmdb/v0.0.38/diag", Fault.response(FakeResponse.guess(200,
            down.body()))),
        (fake, token) -> fake.clearFaults());
  }

  @Test
  void slurmctldDownAsRecordedOn2605Is502With1800AndTheDatabaseStaysUp() throws Exception {
    FixtureSet.RecordedResponse down = Fixtures.of("26.05").errorCase("slurmctld-down-nodes").orElseThrow();
    prove("26.05", SLURMCTLD_DATA, ErrorKind.UNREACHABLE, SOURCE_TIMEOUT,
        (fake, token) -> {
          for (String path : List.of("/nodes", "/partitions", "/jobs", "/reservations", "/licenses",
              "/slurm/v0.0.45/diag")) {
            fake.injectFault(path, Fault.response(FakeResponse.guess(down.status(), down.body())));
          }
        },
        (fake, token) -> fake.clearFaults());
  }

  // -------------------------------------------------------------------------------------------------------------

  private void prove(String version, Set<Endpoint> failing, ErrorKind kind, Duration sourceTimeout, Step inject,
      Step heal) throws Exception {
    Map<Endpoint, ErrorKind> kinds = new EnumMap<>(Endpoint.class);
    for (Endpoint e : failing) kinds.put(e, kind);
    prove(version, kinds, sourceTimeout, inject, heal);
  }

  private void prove(String version, Map<Endpoint, ErrorKind> kinds, Duration sourceTimeout, Step inject,
      Step heal) throws Exception {
    Set<Endpoint> failing = kinds.keySet();
    Path faultyToken = dir.resolve("faulty.jwt");
    Path healthyToken = dir.resolve("healthy.jwt");
    Files.writeString(faultyToken, VALID + "\n");
    Files.writeString(healthyToken, VALID + "\n");
    try (LogCapture logs = new LogCapture();
        FakeSlurmrestd faulty = FakeSlurmrestd.builder().fixtures(Fixtures.of(version)).user("slurm").token(VALID)
            .start();
        FakeSlurmrestd healthy = FakeSlurmrestd.builder().fixtures(Fixtures.of("26.05")).user("slurm").token(VALID)
            .start();
        ExporterHarness exporter = ExporterHarness.start(List.of(
            ExporterHarness.rest("faulty", faulty.url(), faultyToken, REFRESH),
            ExporterHarness.rest("healthy", healthy.url(), healthyToken, REFRESH)),
            ExporterHarness.restSources(sourceTimeout))) {
      String sourceName = "rest " + faulty.url();

      Exposition before = exporter.scrapeUntil("every source of both clusters up", Duration.ofSeconds(30),
          e -> allUp(e, "faulty") && allUp(e, "healthy"));
      Set<String> sources = sourcesOf(before, "faulty");
      for (Endpoint e : failing) assertThat(sources).contains(e.label());
      assertThat(before.sum("slurm_nodes_total", "cluster", "faulty")).isEqualTo(LAB_NODES);

      inject.run(faulty, faultyToken);
      Exposition during = exporter.scrapeUntil(kinds + " down with these kinds",
          Duration.ofSeconds(sourceTimeout.toSeconds() * 3 + 30),
          e -> failing.stream().allMatch(ep -> up(e, "faulty", ep.label()) == 0
              && e.sum("slurm_exporter_collect_errors_total", "cluster", "faulty", "source", ep.label(),
                  "kind", kinds.get(ep).label()) > 0));
      for (String s : sources) {
        boolean shouldFail = failing.stream().anyMatch(ep -> ep.label().equals(s));
        assertThat(up(during, "faulty", s)).as("slurm_up{cluster=faulty,source=%s} during %s", s, failing)
            .isEqualTo(shouldFail ? 0.0 : 1.0);
      }
      assertThat(allUp(during, "healthy")).as("the other cluster is still served").isTrue();
      if (failing.contains(Endpoint.NODES)) {
        assertThat(during.has("slurm_nodes_total", "cluster", "faulty"))
            .as("no stale node counts passed off as fresh").isFalse();
      }

      Instant healed = Instant.now();
      heal.run(faulty, faultyToken);
      Exposition after = exporter.scrapeUntil("recovered with fresh data", Duration.ofSeconds(30),
          e -> allUp(e, "faulty") && failing.stream().allMatch(ep -> e.sum(
              "slurm_exporter_last_success_timestamp_seconds", "cluster", "faulty", "source", ep.label())
              >= healed.toEpochMilli() / 1000.0));
      assertThat(after.sum("slurm_nodes_total", "cluster", "faulty")).isEqualTo(LAB_NODES);
      assertThat(after.value("slurm_cluster_cpus_total", "cluster", "faulty")).isEqualTo(LAB_CPUS);

      // one warning line per failed fetch, naming the source and endpoint, never with a stack trace; an endpoint
      // this slurmrestd does not serve is a fact about the cluster, said once at info level
      for (Endpoint ep : failing) {
        double errors = after.sum("slurm_exporter_collect_errors_total", "cluster", "faulty", "source", ep.label())
            - before.sum("slurm_exporter_collect_errors_total", "cluster", "faulty", "source", ep.label());
        String prefix = "slurm-metrics: " + sourceName + " " + ep.label() + ": ";
        boolean unsupported = kinds.get(ep) == ErrorKind.UNSUPPORTED;
        List<LogRecord> lines = unsupported ? logs.atLeast(Level.INFO, prefix) : logs.warnings(prefix);
        assertThat(errors).as("errors counted for %s", ep.label()).isGreaterThanOrEqualTo(1);
        assertThat((double) lines.size()).as("log lines for %s (%s):\n%s", ep.label(),
            unsupported ? "said once" : "one warning per failed fetch", logs.allText())
            .isEqualTo(unsupported ? 1.0 : errors);
        for (LogRecord r : lines) {
          assertThat(r.getMessage()).doesNotContain("\n").contains(": " + kinds.get(ep).label() + ": ");
        }
      }
      for (LogRecord r : logs.records()) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
          assertThat(r.getThrown()).as("stack trace logged with: %s", r.getMessage()).isNull();
        }
      }

      // secrets: never in a body we served, a log record, a landing page, a request line
      String landing = exporter.get("/").body();
      ExporterHarness.assertNoStackTrace(landing);
      Secrets.assertAbsent(List.of(VALID, EXPIRED, ROTATED), exporter.bodies(), logs.allText(), landing);
      faulty.requests().forEach(r -> Secrets.assertAbsent(List.of(VALID, EXPIRED, ROTATED),
          List.of(r.path(), r.query().toString()), "", ""));
    }
  }

  static boolean allUp(Exposition e, String cluster) {
    List<Exposition.Sample> up = e.samples("slurm_up", "cluster", cluster);
    return !up.isEmpty() && up.stream().allMatch(s -> s.value() == 1.0);
  }

  static double up(Exposition e, String cluster, String source) {
    return e.value("slurm_up", "cluster", cluster, "source", source);
  }

  static Set<String> sourcesOf(Exposition e, String cluster) {
    return e.samples("slurm_up", "cluster", cluster).stream().map(s -> s.label("source"))
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }
}
