package io.slurmmetrics.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slurmmetrics.exporter.Exporter;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.source.rest.RestSource;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --collector.node.max-nodes} and {@code collector_node_max_nodes}: parsing, precedence and effect. */
class NodeMaxNodesTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws Exception {
    Path p = dir.resolve("exporter.yml");
    Files.writeString(p, yaml);
    return p;
  }

  private static List<Integer> maxNodes(ExporterConfig c) {
    List<Integer> out = new ArrayList<>();
    for (ClusterConfig cluster : c.clusters()) out.add(cluster.nodeMaxNodes());
    return out;
  }

  @Test
  void theFlagIsAValueFlagNotACollectorSwitch() throws Exception {
    Flags equals = Flags.parse("--collector.node.max-nodes=20000");
    Flags spaced = Flags.parse("--collector.node.max-nodes", "300", "--collector.node");

    assertThat(equals.get(Flags.NODE_MAX_NODES)).contains("20000");
    assertThat(equals.collectors()).isEmpty();
    assertThat(spaced.get(Flags.NODE_MAX_NODES)).contains("300");
    assertThat(spaced.collectors()).containsEntry(CollectorGroup.NODE, true).hasSize(1);
  }

  @Test
  void withoutFlagOrKeyTheThresholdIsFiveThousandNodes() throws Exception {
    ExporterConfig c = ConfigResolver.resolve(Flags.parse("--slurm.rest.url=http://a:6820"));
    assertThat(maxNodes(c)).containsExactly(5_000);
  }

  @Test
  void theFileSetsADefaultAndPerClusterValuesAndTheFlagOverridesEveryCluster() throws Exception {
    Path file = write("""
        collector_node_max_nodes: 300
        clusters:
          - name: big
            url: http://a:6820
            collector_node_max_nodes: 20000
          - name: small
            url: http://b:6820
        """);

    ExporterConfig fromFile = ConfigResolver.resolve(Flags.parse("--config.file=" + file));
    ExporterConfig flagged = ConfigResolver.resolve(Flags.parse("--config.file=" + file,
        "--collector.node.max-nodes=7"));

    assertThat(maxNodes(fromFile)).containsExactly(20_000, 300);
    assertThat(maxNodes(flagged)).containsExactly(7, 7);
  }

  @Test
  void badFlagValuesAreRejectedNamingTheFlagAndHowToSwitchOff() {
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--slurm.rest.url=http://a:6820",
        "--collector.node.max-nodes=0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--collector.node.max-nodes: must be at least 1, found 0")
        .hasMessageContaining("--no-collector.node");
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--slurm.rest.url=http://a:6820",
        "--collector.node.max-nodes=-3")))
        .hasMessageStartingWith("--collector.node.max-nodes: must be at least 1, found -3");
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--slurm.rest.url=http://a:6820",
        "--collector.node.max-nodes=lots")))
        .hasMessage("--collector.node.max-nodes: expected a whole number of nodes (at least 1), found \"lots\"");
    assertThatThrownBy(() -> Flags.parse("--no-collector.node.max-nodes"))
        .hasMessageContaining("unknown collector \"node.max-nodes\"");
  }

  @Test
  void badFileValuesAreNamedWithTheirLine() throws Exception {
    Path zero = write("""
        clusters:
          - url: http://a:6820
            collector_node_max_nodes: 0
        """);
    assertThatThrownBy(() -> ConfigFile.load(zero))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(zero + ":3: clusters[0].collector_node_max_nodes: must be at least 1, found 0")
        .hasMessageContaining("collectors: {node: false}");
    Path text = write("""
        collector_node_max_nodes: many
        clusters:
          - url: http://a:6820
        """);
    assertThatThrownBy(() -> ConfigFile.load(text))
        .hasMessageStartingWith(text + ":1: collector_node_max_nodes: expected a whole number of nodes");
  }

  @Test
  void helpListsTheFlagWithTheCollectorsAndItsDefault() {
    String help = Help.text("1.2.3");
    int collectors = help.indexOf("--[no-]collector.job");
    int flag = help.indexOf("--collector.node.max-nodes=<n>");
    assertThat(flag).isGreaterThan(collectors);
    assertThat(help.substring(flag, help.indexOf('\n', flag))).contains("[default: 5000]");
  }

  @Test
  void theExporterLeavesPerNodeSeriesOutAboveTheFlagsThresholdUnlessNodeIsSwitchedOn() throws Exception {
    try (FakeSlurmrestd fake = FakeSlurmrestd.builder().fixtures(Fixtures.of("24.11")).start()) {
      Exposition auto = scrapeExporterWith(fake, "--collector.node.max-nodes=3");
      Exposition forced = scrapeExporterWith(fake, "--collector.node.max-nodes=3", "--collector.node");
      Exposition roomy = scrapeExporterWith(fake, "--collector.node.max-nodes=6");

      // the recorded 24.11 lab has 6 nodes
      assertThat(auto.sum("slurm_nodes_total")).isEqualTo(6);
      assertThat(auto.has("slurm_node_cpus_total")).isFalse();
      assertThat(auto.value("slurm_exporter_collector_enabled", "collector", "node")).isEqualTo(0);
      assertThat(forced.samples("slurm_node_cpus_total")).hasSize(6);
      assertThat(forced.value("slurm_exporter_collector_enabled", "collector", "node")).isEqualTo(1);
      assertThat(roomy.samples("slurm_node_cpus_total")).hasSize(6);
    }
  }

  private static Exposition scrapeExporterWith(FakeSlurmrestd fake, String... extraFlags) throws Exception {
    List<String> args = new ArrayList<>(List.of("--slurm.rest.url=" + fake.url(), "--web.listen-address=127.0.0.1:0",
        "--no-collector.accounting"));
    args.addAll(List.of(extraFlags));
    ExporterConfig config = ConfigResolver.resolve(Flags.parse(args.toArray(String[]::new)), Optional.empty());
    try (Exporter exporter = Exporter.start(config, Exporter.Mode.AGENT,
        c -> RestSource.builder().url(c.restUrl().orElseThrow()).tokenFromEnvironment(false)
            .timeout(Duration.ofSeconds(20)).build())) {
      HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + exporter.port() + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(resp.statusCode()).isEqualTo(200);
      return Exposition.parse(resp.body());
    }
  }
}
