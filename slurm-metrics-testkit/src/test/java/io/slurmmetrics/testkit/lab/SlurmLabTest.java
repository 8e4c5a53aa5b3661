package io.slurmmetrics.testkit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmLabTest {
  @TempDir Path dir;

  private Path write(String... lines) throws Exception {
    Path f = dir.resolve("lab.env");
    Files.write(f, List.of(lines));
    return f;
  }

  @Test
  void readsEveryKeyOfEveryListedVersion() throws Exception {
    Files.writeString(dir.resolve("token"), "eyJhbGciOi.secret\n");
    Path f = write(
        "# written by scripts/slurm-lab",
        "LAB_VERSIONS=\"22.05 26.05\"",
        "LAB_2205_SLURM_VERSION=\"22.05.8\"",
        "LAB_2205_CLUSTER=\"lab2205\"",
        "LAB_2205_REST_URL=\"http://127.0.0.1:16820\"",
        "LAB_2205_REST_SOCKET=\"/tmp/lab/22.05/rest.sock\"",
        "LAB_2205_REST_USER=slurm",
        "LAB_2205_TOKEN_FILE=\"" + dir.resolve("token") + "\"",
        "LAB_2205_API_VERSIONS=\"v0.0.36 v0.0.37 v0.0.38\"",
        "LAB_2205_SLURM_CONF=\"/tmp/lab/22.05/etc/slurm.conf\"",
        "LAB_2205_CLI_BIN=\"/tmp/lab/22.05/bin\"",
        "LAB_2605_SLURM_VERSION=\"26.05.5\"",
        "LAB_2605_CLUSTER=\"lab2605\"",
        "LAB_2605_REST_URL=\"http://10.241.26.2:6820\"",
        "LAB_2605_REST_USER=\"slurm\"",
        "LAB_2605_TOKEN_FILE=\"/tmp/lab/26.05/token\"",
        "LAB_2605_API_VERSIONS=\"v0.0.42 v0.0.43 v0.0.44 v0.0.45\"",
        "LAB_2605_SLURM_CONF=\"/tmp/lab/26.05/root/etc/slurm/slurm.conf\"",
        "LAB_2605_CLI_BIN=\"/tmp/lab/26.05/bin\"",
        "LAB_2605_METRICS_URL=\"http://10.241.26.2:6817/metrics\"",
        "LAB_PROMETHEUS_BIN=\"/usr/bin/prometheus\"",
        "LAB_PROMTOOL_BIN=/usr/bin/promtool");

    SlurmLab lab = SlurmLab.load(f);

    assertThat(lab.labVersions()).containsExactly("22.05", "26.05");
    SlurmLab.Cluster c2205 = lab.cluster("22.05").orElseThrow();
    assertThat(c2205.slurmVersion()).isEqualTo("22.05.8");
    assertThat(c2205.clusterName()).isEqualTo("lab2205");
    assertThat(c2205.restUrl()).isEqualTo("http://127.0.0.1:16820");
    assertThat(c2205.restSocket()).contains(Paths.get("/tmp/lab/22.05/rest.sock"));
    assertThat(c2205.restUser()).isEqualTo("slurm");
    assertThat(c2205.apiVersions()).containsExactly("v0.0.36", "v0.0.37", "v0.0.38");
    assertThat(c2205.newestApiVersion()).isEqualTo("v0.0.38");
    assertThat(c2205.slurmConf()).isEqualTo(Paths.get("/tmp/lab/22.05/etc/slurm.conf"));
    assertThat(c2205.cli("sinfo")).isEqualTo(Paths.get("/tmp/lab/22.05/bin/sinfo"));
    assertThat(c2205.metricsUrl()).isEmpty();
    assertThat(c2205.token()).isEqualTo("eyJhbGciOi.secret");
    assertThat(c2205.toString()).doesNotContain("secret");

    SlurmLab.Cluster c2605 = lab.cluster("26.05").orElseThrow();
    assertThat(c2605.restSocket()).isEmpty();
    assertThat(c2605.metricsUrl()).contains("http://10.241.26.2:6817/metrics");
    assertThat(lab.cluster("24.11")).isEmpty();
    assertThat(lab.prometheusBin()).contains(Paths.get("/usr/bin/prometheus"));
    assertThat(lab.promtoolBin()).contains(Paths.get("/usr/bin/promtool"));
  }

  @Test
  void aListedVersionWithoutItsKeysIsAnErrorNamingTheKey() throws Exception {
    Path f = write("LAB_VERSIONS=\"24.11\"", "LAB_2411_SLURM_VERSION=\"24.11.5\"");

    assertThatThrownBy(() -> SlurmLab.load(f))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LAB_2411_CLUSTER")
        .hasMessageContaining(f.toString());
  }

  @Test
  void quotedValuesKeepEscapedQuotesAndSpaces() {
    assertThat(SlurmLab.parse(List.of("A=\"x \\\"y\\\" z\"", "export B='q r'", "  # comment", "C=plain", "junk")))
        .containsEntry("A", "x \"y\" z")
        .containsEntry("B", "q r")
        .containsEntry("C", "plain")
        .hasSize(3);
  }

  @Test
  void envFileWithoutVersionsIsNoLab() throws Exception {
    Path f = write("# nothing up yet", "LAB_VERSIONS=\"\"");
    assertThat(SlurmLab.load(f).clusters()).isEmpty();
  }

  @Test
  void systemPropertyPointsAtTheEnvFileWhenTheEnvironmentDoesNot() throws Exception {
    Path f = write("LAB_VERSIONS=\"\"");
    Map<String, String> props = Map.of("slurm.lab.env", f.toString());
    assertThat(SlurmLab.envFile(k -> null, props::get)).isEqualTo(f);
    assertThat(SlurmLab.find(SlurmLab.envFile(k -> null, props::get))).isEqualTo(Optional.empty());
  }

  @Test
  void theEnvironmentVariableTakesPrecedenceOverTheSystemProperty() {
    Map<String, String> env = Map.of("SLURM_LAB_ENV", "/from/env.env");
    Map<String, String> props = Map.of("slurm.lab.env", "/from/property.env");
    assertThat(SlurmLab.envFile(env::get, props::get)).isEqualTo(Path.of("/from/env.env"));
    assertThat(SlurmLab.envFile(k -> null, k -> null)).isEqualTo(SlurmLab.DEFAULT_ENV_FILE);
  }

  @Test
  void withoutALabTheTestIsSkippedOutsideCiAndFailsOnCi() {
    String absent = dir.resolve("absent.env").toString();
    Map<String, String> noCi = Map.of("slurm.lab.env", absent);
    assertThatThrownBy(() -> SlurmLab.require(k -> null, noCi::get))
        .isInstanceOf(org.opentest4j.TestAbortedException.class)
        .hasMessageContaining("absent.env");

    Map<String, String> ciProperty = Map.of("slurm.lab.env", absent, "ci", "true");
    assertThatThrownBy(() -> SlurmLab.require(k -> null, ciProperty::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CI=true requires the lab")
        .hasMessageContaining("absent.env");

    Map<String, String> ciEnvironment = Map.of("CI", "true");
    assertThatThrownBy(() -> SlurmLab.require(ciEnvironment::get, noCi::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absent.env");
  }
}
