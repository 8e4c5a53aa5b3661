package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.exporter.cluster.Sources;
import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.lab.SlurmLab;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults that only real daemons can show, on every cluster of the lab: slurmctld, slurmdbd or slurmrestd stopped
 * through {@code scripts/slurm-lab daemon} and always started again in a finally block. The exporter runs with the
 * production source ({@link Sources}, 20 s request timeout) and refresh interval (30 s, so data is never older than
 * the 90 s max age while a 40 s refresh hangs on a dead slurmctld); it serves the lab cluster and a healthy fake
 * cluster. Versions run in parallel, each with its own exporter.
 */
@Tag("slurm")
class LabFaultTest {
  static final Duration REFRESH = ClusterConfig.DEFAULT_REFRESH;
  static final Duration DEADLINE = Duration.ofMinutes(4);

  @TempDir
  Path dir;

  /** Per failing endpoint the kinds the version may report; whether slurmctld is reported down. */
  record Expect(Map<Endpoint, Set<ErrorKind>> failing, boolean controllerDown) {}

  @Test
  void slurmctldStoppedFailsOnlyTheControllerSourcesThenRecovers() throws Exception {
    everyVersion("slurmctld", v -> {
      Map<Endpoint, Set<ErrorKind>> f = new EnumMap<>(Endpoint.class);
      if (v.equals("22.05")) {
        // every /slurm call waits ~19 s (MessageTimeout 20 s), then 500 errno -1; the exporter's 20 s request
        // timeout races that answer, so either kind is a true report
        f.put(Endpoint.PING, EnumSet.of(ErrorKind.SLURM_ERROR, ErrorKind.TIMEOUT));
        f.put(Endpoint.NODES, EnumSet.of(ErrorKind.SLURM_ERROR, ErrorKind.TIMEOUT));
      } else {
        // ping still answers (responding: false); nodes 502 errno 1800 after ~20 s
        f.put(Endpoint.NODES, EnumSet.of(ErrorKind.UNREACHABLE, ErrorKind.TIMEOUT));
      }
      return new Expect(f, true);
    });
  }

  @Test
  void slurmdbdStoppedFailsOnlyTheDatabaseThenRecovers() throws Exception {
    // 22.05: 200 + errors[] 7000; 24.11 and 26.05: 502 + 7000
    everyVersion("slurmdbd", v -> new Expect(Map.of(Endpoint.DATABASE, EnumSet.of(ErrorKind.SLURM_ERROR)), false));
  }

  @Test
  void slurmrestdStoppedIsConnectionRefusedForThatClusterOnlyThenRecovers() throws Exception {
    Set<ErrorKind> refused = EnumSet.of(ErrorKind.UNREACHABLE);
    everyVersion("slurmrestd", v -> new Expect(Map.of(Endpoint.PING, refused, Endpoint.NODES, refused,
        Endpoint.DATABASE, refused), true));
  }

  // -------------------------------------------------------------------------------------------------------------

  private void everyVersion(String daemon, java.util.function.Function<String, Expect> expect) throws Exception {
    SlurmLab lab = SlurmLab.require();
    ExecutorService pool = Executors.newFixedThreadPool(lab.clusters().size());
    try {
      List<Future<String>> runs = new ArrayList<>();
      for (SlurmLab.Cluster c : lab.clusters()) {
        runs.add(pool.submit(() -> prove(c, daemon, expect.apply(c.labVersion()))));
      }
      AssertionError failed = null;
      for (Future<String> r : runs) {
        try {
          System.out.println("[hardening] " + r.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (failed == null) failed = new AssertionError(daemon + " stopped: " + e.getCause(), e.getCause());
          else failed.addSuppressed(e.getCause());
        }
      }
      if (failed != null) throw failed;
    } finally {
      pool.shutdownNow();
    }
  }

  private String prove(SlurmLab.Cluster c, String daemon, Expect x) throws Exception {
    String v = c.labVersion();
    String cluster = c.clusterName();
    LabDaemons daemons = new LabDaemons(c);
    Path healthyToken = dir.resolve("healthy-" + v + ".jwt");
    Files.writeString(healthyToken, FaultMatrixTest.VALID);
    Map<CollectorGroup, Boolean> groups = new EnumMap<>(CollectorGroup.class);
    for (CollectorGroup g : CollectorGroup.values()) groups.put(g, g == CollectorGroup.NODES || g == CollectorGroup.ACCOUNTING);
    ClusterConfig labConfig = new ClusterConfig(Optional.of(cluster), "rest", Optional.of(c.restUrl()),
        Optional.of(c.restUser()), Optional.of(c.tokenFile()), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), groups, Map.of(), REFRESH);
    String other = "healthy" + v.replace(".", "");
    try (LogCapture logs = new LogCapture();
        FakeSlurmrestd healthy = FakeSlurmrestd.builder().fixtures(Fixtures.of("26.05")).user("slurm")
            .token(FaultMatrixTest.VALID).start();
        ExporterHarness h = ExporterHarness.start(List.of(labConfig,
            ExporterHarness.rest(other, healthy.url(), healthyToken, REFRESH)), new Sources())) {
      String sourceName = "rest " + c.restUrl();
      Exposition before = h.scrapeUntil(cluster + " and " + other + " up", DEADLINE,
          e -> FaultMatrixTest.allUp(e, cluster) && FaultMatrixTest.allUp(e, other));
      Set<String> sources = FaultMatrixTest.sourcesOf(before, cluster);
      assertThat(before.sum("slurm_nodes_total", "cluster", cluster)).isEqualTo(FaultMatrixTest.LAB_NODES);
      Set<Endpoint> failing = x.failing().keySet();

      Instant stopped = Instant.now();
      Exposition during;
      try {
        daemons.stop(v, daemon);
        during = h.scrapeUntil(v + " " + daemon + " stopped: " + x.failing(), DEADLINE,
            e -> failing.stream().allMatch(ep -> FaultMatrixTest.up(e, cluster, ep.label()) == 0
                && x.failing().get(ep).stream().anyMatch(k -> e.sum("slurm_exporter_collect_errors_total",
                    "cluster", cluster, "source", ep.label(), "kind", k.label()) > 0)),
            e -> {
              // on every scrape of the outage: the other sources of this cluster and the other cluster stay up
              for (String s : sources) {
                if (failing.stream().noneMatch(ep -> ep.label().equals(s))) {
                  assertThat(FaultMatrixTest.up(e, cluster, s)).as("%s slurm_up{source=%s} while %s is stopped",
                      v, s, daemon).isEqualTo(1.0);
                }
              }
              assertThat(FaultMatrixTest.allUp(e, other)).as("the other cluster is served").isTrue();
            });
      } finally {
        daemons.start(v, daemon);
      }
      Duration detected = Duration.between(stopped, Instant.now());
      if (x.controllerDown()) {
        assertThat(during.value("slurm_controller_up", "cluster", cluster)).isEqualTo(0.0);
      }
      if (failing.contains(Endpoint.NODES)) {
        assertThat(during.has("slurm_nodes_total", "cluster", cluster)).as("no stale node counts").isFalse();
      }
      StringBuilder kinds = new StringBuilder();
      for (Endpoint ep : failing) {
        for (ErrorKind k : x.failing().get(ep)) {
          double n = during.sum("slurm_exporter_collect_errors_total", "cluster", cluster, "source", ep.label(),
              "kind", k.label());
          if (n > 0) kinds.append(' ').append(ep.label()).append('=').append(k.label());
        }
      }

      Instant restarted = Instant.now();
      Exposition after = h.scrapeUntil(v + " " + daemon + " back: all up with fresh data", DEADLINE,
          e -> FaultMatrixTest.allUp(e, cluster) && failing.stream().allMatch(ep -> e.sum(
              "slurm_exporter_last_success_timestamp_seconds", "cluster", cluster, "source", ep.label())
              >= restarted.toEpochMilli() / 1000.0));
      assertThat(after.sum("slurm_nodes_total", "cluster", cluster)).isEqualTo(FaultMatrixTest.LAB_NODES);
      assertThat(after.value("slurm_controller_up", "cluster", cluster)).isEqualTo(1.0);
      Duration recovered = Duration.between(restarted, Instant.now());

      for (Endpoint ep : failing) {
        double errors = after.sum("slurm_exporter_collect_errors_total", "cluster", cluster, "source", ep.label())
            - before.sum("slurm_exporter_collect_errors_total", "cluster", cluster, "source", ep.label());
        List<LogRecord> lines = logs.warnings("slurm-metrics: " + sourceName + " " + ep.label() + ": ");
        assertThat((double) lines.size()).as("%s warning lines for %s, one per failed fetch", v, ep.label())
            .isEqualTo(errors);
        for (LogRecord r : lines) assertThat(r.getMessage()).doesNotContain("\n");
      }
      for (LogRecord r : logs.records()) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) assertThat(r.getThrown()).isNull();
      }
      Secrets.assertAbsent(List.of(c.token(), FaultMatrixTest.VALID), h.bodies(), logs.allText(),
          h.get("/").body());
      return v + " " + daemon + " stopped:" + kinds + "; seen after " + detected.toSeconds() + " s, recovered "
          + recovered.toSeconds() + " s after the restart";
    }
  }
}
