package io.slurmmetrics.exporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad flags or config: the standalone jar exits with status 2 and exactly one clear line on stderr. */
@Tag("e2e")
class BadConfigE2EIT {
  @TempDir
  Path dir;

  private void assertExit2WithOneLine(String expected, String... args) throws Exception {
    try (ExporterProcess p = ExporterProcess.standalone(dir, 0, Map.of(), args)) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(p.stderr()).isEqualTo(expected + "\n");
      assertThat(p.stdout()).isEmpty();
    }
  }

  @Test
  void unknownFlag() throws Exception {
    assertExit2WithOneLine("slurm-metrics-exporter: error: unknown flag --web.listen_address (did you mean "
        + "--web.listen-address?) (see --help)", "--web.listen_address=:1");
  }

  @Test
  void noSlurmConfigured() throws Exception {
    assertExit2WithOneLine("slurm-metrics-exporter: error: no Slurm to read: give --slurm.rest.url (or "
        + "--slurm.source=cli, or --config.file with clusters), or try --demo");
  }

  @Test
  void yamlErrorNamesFileLineAndKey() throws Exception {
    Path config = dir.resolve("exporter.yml");
    Files.writeString(config, "clusters:\n  - name: a\n    url: http://127.0.0.1:1\n    refresh: 10s\n");
    try (ExporterProcess p = ExporterProcess.standalone(dir, 0, Map.of(), "--config.file=" + config)) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(p.stderr()).startsWith("slurm-metrics-exporter: error: " + config + ":4: clusters[0].refresh: unknown "
          + "key").endsWith("\n").hasLineCount(1);
    }
  }

  @Test
  void badWebConfigIsAlsoExitStatus2() throws Exception {
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "basic_auth_users:\n  prometheus: plaintext\n");
    try (ExporterProcess p = ExporterProcess.standalone(dir, 0, Map.of(), "--demo", "--web.listen-address=127.0.0.1:0",
        "--web.config.file=" + web)) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(p.stderr()).startsWith("slurm-metrics-exporter: error: " + web + ":2: basic_auth_users.prometheus: "
          + "not a bcrypt hash").hasLineCount(1);
    }
  }

  @Test
  void portInUseIsExitStatus1WithOneLine() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      try (ExporterProcess p = ExporterProcess.standalone(dir, port, Map.of(), "--demo",
          "--web.listen-address=127.0.0.1:" + port)) {
        assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(p.stderr()).startsWith("slurm-metrics-exporter: error: cannot listen on 127.0.0.1:" + port + ": ")
            .hasLineCount(1);
      }
    }
  }

  @Test
  void helpAndVersionExit0() throws Exception {
    try (ExporterProcess p = ExporterProcess.standalone(dir, 0, Map.of(), "--help")) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(p.stdout()).contains("--web.listen-address=<[host]:port>").contains("[default: :9341]");
    }
    try (ExporterProcess p = ExporterProcess.standalone(dir, 0, Map.of(), "--version")) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(p.stdout()).startsWith("slurm-metrics-exporter 0.1.0-SNAPSHOT");
    }
  }
}
