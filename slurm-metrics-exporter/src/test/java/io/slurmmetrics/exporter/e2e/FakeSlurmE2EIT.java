package io.slurmmetrics.exporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against fake slurmrestds in this JVM: one serving the recorded Slurm 24.11 answers (with a JWT),
 * one a simulated cluster; standalone with two clusters, and as a {@code -javaagent} in a host application.
 */
@Tag("e2e")
class FakeSlurmE2EIT {
  private static final String TOKEN = "e2e-token-not-a-real-jwt";
  @TempDir
  Path dir;
  private FakeSlurmrestd recorded;
  private FakeSlurmrestd simulated;
  private Path config;

  @BeforeEach
  void startFakes() throws Exception {
    recorded = FakeSlurmrestd.builder().fixtures(Fixtures.of("24.11")).user("slurm").token(TOKEN).start();
    simulated = FakeSlurmrestd.builder()
        .responder(ClusterSimulator.builder().seed(7).clusterName("simulated").build().responder()).start();
    Files.writeString(dir.resolve("alpha.jwt"), TOKEN + "\n");
    config = dir.resolve("exporter.yml");
    Files.writeString(config, """
        refresh_interval: 2s
        clusters:
          - name: alpha
            url: %s
            user: slurm
            token_file: alpha.jwt
            labels: {site: a}
          - name: beta
            url: %s
            labels: {site: b}
        """.formatted(base(recorded), base(simulated)));
  }

  private static String base(FakeSlurmrestd fake) {
    String u = fake.url();
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  @AfterEach
  void stopFakes() {
    recorded.close();
    simulated.close();
  }

  private static boolean up(String body, String cluster) {
    return body.contains("slurm_up{cluster=\"" + cluster + "\",site=\"" + (cluster.equals("alpha") ? "a" : "b")
        + "\",source=\"nodes\"} 1.0");
  }

  @Test
  void twoClustersOneScrapeEachSelectableWithDistinctLabels() throws Exception {
    int port = ExporterProcess.freePort();
    try (ExporterProcess p = ExporterProcess.standalone(dir, port, Map.of(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:" + port)) {
      HttpResponse<String> all = p.await("/metrics", Duration.ofSeconds(60),
          r -> r.statusCode() == 200 && up(r.body(), "alpha") && up(r.body(), "beta"));
      assertThat(all.body()).contains("jvm_memory_used_bytes"); // standalone serves JVM metrics

      HttpResponse<String> alpha = p.get("/metrics?cluster=alpha");
      assertThat(alpha.statusCode()).isEqualTo(200);
      Map<String, String> alphaSlurm = Exposition.slurmValues(alpha.body());
      assertThat(alphaSlurm).isNotEmpty();
      assertThat(alphaSlurm.keySet()).allSatisfy(k -> assertThat(k).contains("cluster=\"alpha\"")
          .contains("site=\"a\""));
      // the recorded 24.11 cluster: partition cpu has nodes c[1-4] with 8 CPUs each (PROVENANCE.md)
      assertThat(alphaSlurm).containsEntry(
          "slurm_partition_cpus_total{cluster=\"alpha\",partition=\"cpu\",site=\"a\"}", "32.0");

      HttpResponse<String> beta = p.get("/metrics?cluster=beta");
      assertThat(Exposition.slurmValues(beta.body()).keySet()).isNotEmpty().allSatisfy(k -> assertThat(k)
          .contains("cluster=\"beta\"").contains("site=\"b\""));

      HttpResponse<String> gamma = p.get("/metrics?cluster=gamma");
      assertThat(gamma.statusCode()).isEqualTo(404);
      assertThat(gamma.body()).contains("unknown cluster \"gamma\"").contains("alpha, beta");

      p.await("/-/ready", Duration.ofSeconds(30), r -> r.statusCode() == 200);
      assertThat(p.get("/").body()).contains("alpha").contains("beta");
      // the token is used but never shown
      assertThat(recorded.requests()).anySatisfy(r -> assertThat(r.header("X-SLURM-USER-TOKEN")).contains(TOKEN));
      assertThat(p.stderr() + p.stdout() + all.body() + p.get("/").body()).doesNotContain(TOKEN);
    }
  }

  @Test
  void slurmJwtFromTheEnvironmentIsUsed() throws Exception {
    int port = ExporterProcess.freePort();
    try (ExporterProcess p = ExporterProcess.standalone(dir, port, Map.of("SLURM_JWT", TOKEN),
        "--slurm.rest.url=" + base(recorded), "--slurm.rest.user=slurm", "--slurm.cluster-name=alpha",
        "--web.listen-address=127.0.0.1:" + port)) {
      p.await("/metrics", Duration.ofSeconds(60), r -> r.body().contains(
          "slurm_up{cluster=\"alpha\",source=\"nodes\"} 1.0"));
    }
  }

  @Test
  void theScrapeTimeoutHeaderIsTheScrapesBudget() throws Exception {
    recorded.injectFault("/nodes", io.slurmmetrics.testkit.Fault.hang()); // slurmctld stuck: nodes never answer
    int port = ExporterProcess.freePort();
    try (ExporterProcess p = ExporterProcess.standalone(dir, port, Map.of("SLURM_JWT", TOKEN),
        "--slurm.rest.url=" + base(recorded), "--slurm.rest.user=slurm", "--slurm.cluster-name=alpha",
        "--web.listen-address=127.0.0.1:" + port)) {
      p.await("/-/healthy", Duration.ofSeconds(60), r -> r.statusCode() == 200);
      java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(p.url("/metrics")))
          .header("X-Prometheus-Scrape-Timeout-Seconds", "2").timeout(Duration.ofSeconds(30)).build();
      long started = System.nanoTime();
      HttpResponse<String> r = ExporterProcess.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(r.statusCode()).isEqualTo(200);
      // the source would wait 20 s for the hung endpoint, the exporter's default budget is 10 s: 2 s were asked for
      assertThat(took).isLessThan(Duration.ofSeconds(8));
      assertThat(r.body()).contains("slurm_exporter_build_info").doesNotContain("slurm_nodes_total{");
    }
  }

  @Test
  void slurmDownIsReportedNotFatal() throws Exception {
    int port = ExporterProcess.freePort();
    int nobody = ExporterProcess.freePort();
    try (ExporterProcess p = ExporterProcess.standalone(dir, port, Map.of(),
        "--slurm.rest.url=http://127.0.0.1:" + nobody, "--slurm.cluster-name=gone", "--refresh.interval=1s",
        "--web.listen-address=127.0.0.1:" + port)) {
      HttpResponse<String> r = p.await("/metrics", Duration.ofSeconds(60),
          x -> x.body().contains("slurm_up{cluster=\"gone\",source=\"ping\"} 0.0"));
      assertThat(r.statusCode()).isEqualTo(200);
      p.await("/-/ready", Duration.ofSeconds(30), x -> x.statusCode() == 200);
      assertThat(p.stderr()).contains("level=warn").contains("rest http://127.0.0.1:" + nobody);
    }
  }

  @Test
  void agentServesSlurmBesideTheHostsOwnClientJava() throws Exception {
    int hostPort = ExporterProcess.freePort();
    int agentPort = ExporterProcess.freePort();
    try (ExporterProcess host = AgentHost.start(dir, hostPort, "127.0.0.1:" + agentPort + ":" + config)) {
      host.await("/metrics", Duration.ofSeconds(60), r -> r.body().contains("host_work_total"));
      ExporterProcess agent = host.onPort(agentPort);
      HttpResponse<String> slurm = agent.await("/metrics", Duration.ofSeconds(60),
          r -> r.statusCode() == 200 && up(r.body(), "alpha") && up(r.body(), "beta"));
      assertThat(slurm.body()).doesNotContain("jvm_memory_used_bytes").doesNotContain("host_work_total");
      assertThat(agent.get("/metrics?cluster=beta").body()).contains("cluster=\"beta\"")
          .doesNotContain("cluster=\"alpha\"");
      // the host's own registry and server are untouched by the agent
      String hostMetrics = host.get("/metrics").body();
      assertThat(hostMetrics).contains("host_work_total").doesNotContain("slurm_");
      host.process.getOutputStream().close(); // the host's main returns
      assertThat(host.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(host.stdout()).contains("host app done");
    }
  }

  @Test
  void agentWithBadConfigLogsOneLineAndTheHostRunsOn() throws Exception {
    int hostPort = ExporterProcess.freePort();
    int agentPort = ExporterProcess.freePort();
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "clusters:\n  - name: a\n    url: gopher://x\n");
    try (ExporterProcess host = AgentHost.start(dir, hostPort, agentPort + ":" + bad)) {
      host.await("/metrics", Duration.ofSeconds(60), r -> r.body().contains("host_work_total"));
      host.await("/metrics", Duration.ofSeconds(30), r -> stderrHas(host, "agent disabled"));
      String err = host.stderr();
      assertThat(err.lines().filter(l -> l.contains("slurm-metrics")).toList()).singleElement().satisfies(l ->
          assertThat(l).contains("slurm-metrics agent disabled, the application runs on without it: " + bad
              + ":3: clusters[0].url: \\\"gopher://x\\\" is not an http://, https:// or unix:/path address"));
      assertThat(ExporterProcess.HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + agentPort + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding()))
          .failsWithin(10, TimeUnit.SECONDS);
      assertThat(host.process.isAlive()).isTrue();
      host.process.getOutputStream().close();
      assertThat(host.awaitExit(Duration.ofSeconds(30))).isZero();
    }
  }

  private static boolean stderrHas(ExporterProcess p, String text) {
    try {
      return p.stderr().contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
