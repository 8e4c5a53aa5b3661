package io.slurmmetrics.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slurmmetrics.metrics.CollectorGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir
  Path dir;

  private Path write(String name, String yaml) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void readsSeveralClustersWithDefaultsAndOverrides() throws Exception {
    Path token = write("prod.jwt", "t0k3n\n");
    Path file = write("exporter.yml", """
        web:
          listen_address: "127.0.0.1:9999"
          telemetry_path: /slurm
        log:
          level: debug
        refresh_interval: 1m
        collectors: {node: false}
        labels: {site: dc1}
        clusters:
          - name: prod
            url: https://ctl:6820
            user: slurm
            token_file: prod.jwt
            api_version: v0.0.42
            labels: {tier: gold}
          - name: dev
            source: cli
            cli_bin_dir: /opt/slurm/bin
            collectors: {node: true, rpc_user: true}
            refresh_interval: 10s
        """);
    ConfigFile c = ConfigFile.load(file);
    assertThat(c.listenAddress()).contains(ListenAddress.parse("127.0.0.1:9999"));
    assertThat(c.telemetryPath()).contains("/slurm");
    assertThat(c.logLevel()).contains(Level.FINE);
    assertThat(c.clusters()).hasSize(2);
    ClusterConfig prod = c.clusters().get(0);
    assertThat(prod.name()).contains("prod");
    assertThat(prod.tokenFile()).contains(token);
    assertThat(prod.refreshInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(prod.labels()).containsEntry("site", "dc1").containsEntry("tier", "gold");
    assertThat(prod.collectors()).containsEntry(CollectorGroup.NODE, false);
    ClusterConfig dev = c.clusters().get(1);
    assertThat(dev.source()).isEqualTo("cli");
    assertThat(dev.refreshInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(dev.collectors()).containsEntry(CollectorGroup.NODE, true).containsEntry(CollectorGroup.RPC_USER, true);
  }

  @Test
  void unknownKeyIsNamedWithItsLine() throws Exception {
    Path file = write("exporter.yml", """
        clusters:
          - name: prod
            url: http://ctl:6820
            tokn_file: /x
        """);
    assertThatThrownBy(() -> ConfigFile.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":4: clusters[0].tokn_file: unknown key (known here: accounting_state_file, api_version,");
  }

  @Test
  void badDurationIsNamedWithItsLine() throws Exception {
    Path file = write("exporter.yml", "refresh_interval: 30 seconds\n");
    assertThatThrownBy(() -> ConfigFile.load(file))
        .hasMessage(file + ":1: refresh_interval: \"30 seconds\" is not a duration (expected e.g. 30s, 1m, 1m30s, "
            + "500ms)");
  }

  @Test
  void badUrlIsNamedWithItsLine() throws Exception {
    Path file = write("exporter.yml", "clusters:\n  - url: ftp://ctl\n");
    assertThatThrownBy(() -> ConfigFile.load(file))
        .hasMessage(file + ":2: clusters[0].url: \"ftp://ctl\" is not an http://, https:// or unix:/path address");
  }

  @Test
  void brokenYamlSyntaxNamesTheLine() throws Exception {
    Path file = write("exporter.yml", "clusters:\n  - name: a\n    url: [unclosed\n");
    assertThatThrownBy(() -> ConfigFile.load(file)).hasMessageStartingWith(file + ":").hasMessageContaining(
        "not valid YAML");
  }

  @Test
  void severalClustersNeedNames() throws Exception {
    Path file = write("exporter.yml", "clusters:\n  - url: http://a:6820\n  - name: b\n    url: http://b:6820\n");
    assertThatThrownBy(() -> ConfigFile.load(file))
        .hasMessage(file + ":2: clusters[0]: name is required when more than one cluster is configured (it selects "
            + "?cluster=)");
  }

  @Test
  void duplicateClusterNamesAreRejected() throws Exception {
    Path file = write("exporter.yml",
        "clusters:\n  - name: a\n    url: http://a:6820\n  - name: a\n    url: http://b:6820\n");
    assertThatThrownBy(() -> ConfigFile.load(file)).hasMessage(file + ":4: clusters[1].name: cluster name \"a\" is "
        + "used twice");
  }

  @Test
  void missingTokenFileIsAnError() throws Exception {
    Path file = write("exporter.yml", "clusters:\n  - url: http://a:6820\n    token_file: nope.jwt\n");
    assertThatThrownBy(() -> ConfigFile.load(file)).hasMessageContaining(":3: clusters[0].token_file: ")
        .hasMessageContaining("nope.jwt: no such file");
  }

  @Test
  void accountingStateFileNeedsAnExistingDirectory() throws Exception {
    Path ok = write("ok.yml", "clusters:\n  - url: http://a:6820\n    accounting_state_file: a.state\n");
    assertThat(ConfigFile.load(ok).clusters().get(0).accountingStateFile()).contains(dir.resolve("a.state"));
    Path bad = write("bad.yml", "clusters:\n  - url: http://a:6820\n    accounting_state_file: no/such/dir/a.state\n");
    assertThatThrownBy(() -> ConfigFile.load(bad)).hasMessageContaining(":3: clusters[0].accounting_state_file: ")
        .hasMessageEndingWith("its directory does not exist");
  }

  @Test
  void clusterLabelIsReserved() throws Exception {
    Path file = write("exporter.yml", "labels:\n  cluster: x\n");
    assertThatThrownBy(() -> ConfigFile.load(file)).hasMessageContaining(":2: labels.cluster: the cluster label "
        + "comes from the cluster's name");
  }

  @Test
  void flagsOverrideTheSingleClusterOfTheFile() throws Exception {
    Path file = write("exporter.yml", "clusters:\n  - name: a\n    url: http://a:6820\n    refresh_interval: 20s\n");
    ExporterConfig c = ConfigResolver.resolve(Flags.parse("--config.file=" + file, "--slurm.rest.url=http://b:6820",
        "--refresh.interval=45s", "--no-collector.node"));
    assertThat(c.clusters()).hasSize(1);
    ClusterConfig only = c.clusters().get(0);
    assertThat(only.name()).contains("a");
    assertThat(only.restUrl()).contains("http://b:6820");
    assertThat(only.refreshInterval()).isEqualTo(Duration.ofSeconds(45));
    assertThat(only.collectors()).containsEntry(CollectorGroup.NODE, false);
  }

  @Test
  void singleClusterFlagsWithSeveralClustersInTheFileAreAnError() throws Exception {
    Path file = write("exporter.yml",
        "clusters:\n  - name: a\n    url: http://a:6820\n  - name: b\n    url: http://b:6820\n");
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--config.file=" + file,
        "--slurm.rest.url=http://c:6820"))).hasMessageContaining("has 2 clusters");
  }

  @Test
  void nothingToReadTellsWhatToGive() {
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse()))
        .hasMessageContaining("no Slurm to read: give --slurm.rest.url").hasMessageContaining("--demo");
  }

  @Test
  void aConfigFileWithoutClustersSaysSo() throws Exception {
    Path file = write("exporter.yml", "web:\n  listen_address: \":9000\"\n");
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--config.file=" + file)))
        .hasMessage(file + " has no clusters: add a clusters: list (or give --slurm.rest.url or --slurm.source=cli)");
    assertThat(ConfigResolver.resolve(Flags.parse("--config.file=" + file, "--slurm.rest.url=http://a:6820"))
        .listenAddress().port()).isEqualTo(9000);
  }

  @Test
  void demoRefusesRealClusterSettings() {
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--demo", "--slurm.rest.url=http://a:6820")))
        .hasMessageContaining("--demo serves its own simulated cluster");
  }

  @Test
  void demoAloneGivesOneQuicklyRefreshedCluster() throws Exception {
    ExporterConfig c = ConfigResolver.resolve(Flags.parse("--demo"));
    assertThat(c.demo()).isTrue();
    assertThat(c.clusters()).singleElement().satisfies(k -> {
      assertThat(k.name()).contains("demo");
      assertThat(k.refreshInterval()).isEqualTo(ConfigResolver.DEMO_REFRESH);
    });
    assertThat(c.listenAddress().port()).isEqualTo(9341);
    assertThat(c.telemetryPath()).isEqualTo("/metrics");
  }

  @Test
  void badFlagValuesNameTheFlag() {
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--demo", "--web.listen-address=9341")))
        .hasMessage("--web.listen-address: \"9341\" has no port (expected [host]:port, e.g. :9341)");
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--demo", "--log.level=loud")))
        .hasMessage("--log.level: expected debug, info, warn or error, found \"loud\"");
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--slurm.rest.url=http://a:1",
        "--slurm.rest.api-version=42"))).hasMessageContaining("--slurm.rest.api-version: expected auto or a version");
    assertThatThrownBy(() -> ConfigResolver.resolve(Flags.parse("--slurm.source=cli",
        "--slurm.rest.url=http://a:1"))).hasMessage("--slurm.rest.url is only used with --slurm.source=rest");
  }

  @Test
  void listenAddressForms() {
    assertThat(ListenAddress.parse(":9341")).isEqualTo(new ListenAddress(Optional.empty(), 9341));
    assertThat(ListenAddress.parse("[::1]:80")).isEqualTo(new ListenAddress(Optional.of("::1"), 80));
    assertThat(ListenAddress.parse("localhost:0").port()).isZero();
    assertThatThrownBy(() -> ListenAddress.parse("::1:80")).hasMessageContaining("brackets");
  }

  @Test
  void durationsInPrometheusStyle() {
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
  }
}
