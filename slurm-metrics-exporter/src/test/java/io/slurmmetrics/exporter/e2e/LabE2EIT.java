package io.slurmmetrics.exporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.testkit.lab.SlurmLab;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar against the real Slurm lab, standalone and as a {@code -javaagent}, scraped over HTTP. */
@Tag("slurm")
class LabE2EIT {
  @TempDir
  Path dir;

  private static boolean reads(String body, SlurmLab.Cluster c) {
    return body.contains("slurm_up{cluster=\"" + c.clusterName() + "\",source=\"nodes\"} 1.0")
        && body.contains("version=\"" + c.slurmVersion() + "\"");
  }

  @Test
  void standaloneReadsEveryLabCluster() throws Exception {
    SlurmLab lab = SlurmLab.require();
    for (SlurmLab.Cluster c : lab.clusters()) {
      int port = ExporterProcess.freePort();
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--slurm.rest.url=" + c.restUrl(),
          "--slurm.rest.user=" + c.restUser(), "--slurm.rest.token-file=" + c.tokenFile(),
          "--web.listen-address=127.0.0.1:" + port));
      // REST v0.0.38 (Slurm 22.05) does not tell the cluster's name: the operator gives it
      if (c.newestApiVersion().compareTo("v0.0.39") < 0) args.add("--slurm.cluster-name=" + c.clusterName());
      try (ExporterProcess p = ExporterProcess.standalone(dir, port, Map.of(), args.toArray(new String[0]))) {
        HttpResponse<String> r = p.await("/metrics", Duration.ofSeconds(90), x -> reads(x.body(), c));
        assertThat(r.body()).contains("slurm_nodes_total{cluster=\"" + c.clusterName() + "\"");
        assertThat(p.get("/metrics?cluster=" + c.clusterName()).statusCode()).isEqualTo(200);
        p.await("/-/ready", Duration.ofSeconds(60), x -> x.statusCode() == 200);
        assertThat(p.stderr() + r.body()).doesNotContain(c.token());
      }
    }
  }

  @Test
  void standaloneReadsEveryLabClusterThroughTheCommandLine() throws Exception {
    SlurmLab lab = SlurmLab.require();
    for (SlurmLab.Cluster c : lab.clusters()) {
      int port = ExporterProcess.freePort();
      try (ExporterProcess p = ExporterProcess.standalone(dir, port, Map.of(), "--slurm.source=cli",
          "--slurm.cli.bin-dir=" + c.cliBin(), "--slurm.cluster-name=" + c.clusterName(),
          "--web.listen-address=127.0.0.1:" + port)) {
        HttpResponse<String> r = p.await("/metrics", Duration.ofSeconds(90), x -> x.body().contains(
            "slurm_up{cluster=\"" + c.clusterName() + "\",source=\"nodes\"} 1.0"));
        // 22.05 has no scontrol --json: partitions are unsupported there, node states are not
        assertThat(r.body()).contains("slurm_nodes_total{cluster=\"" + c.clusterName() + "\"");
      }
    }
  }

  @Test
  void agentReadsTheNewestLabCluster() throws Exception {
    SlurmLab lab = SlurmLab.require();
    SlurmLab.Cluster c = lab.clusters().get(lab.clusters().size() - 1);
    Path config = dir.resolve("agent.yml");
    Files.writeString(config, """
        clusters:
          - url: %s
            user: %s
            token_file: %s
        """.formatted(c.restUrl(), c.restUser(), c.tokenFile()));
    int hostPort = ExporterProcess.freePort();
    int agentPort = ExporterProcess.freePort();
    try (ExporterProcess host = AgentHost.start(dir, hostPort, "127.0.0.1:" + agentPort + ":" + config)) {
      host.onPort(agentPort).await("/metrics", Duration.ofSeconds(90), x -> reads(x.body(), c));
      assertThat(host.get("/metrics").body()).contains("host_work_total").doesNotContain("slurm_");
    }
  }
}
