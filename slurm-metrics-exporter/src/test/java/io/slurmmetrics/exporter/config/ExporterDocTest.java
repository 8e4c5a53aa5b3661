package io.slurmmetrics.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.metrics.CollectorGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/exporter.md documents every flag, every collector group and every YAML key the readers accept. */
class ExporterDocTest {
  private static String doc() throws Exception {
    return Files.readString(Path.of("..", "docs", "exporter.md"));
  }

  @Test
  void everyFlagIsInTheFlagsTable() throws Exception {
    String doc = doc();
    for (Flags.Flag f : Flags.ALL) {
      assertThat(doc).as("--%s", f.name()).contains("`--" + f.name());
      if (!f.defaultValue().isEmpty() && !f.defaultValue().startsWith("$")) {
        assertThat(doc).as("default of --%s", f.name()).contains("`" + f.defaultValue() + "`");
      }
    }
  }

  @Test
  void everyCollectorGroupWithItsDefault() throws Exception {
    String doc = doc();
    for (CollectorGroup g : CollectorGroup.values()) {
      assertThat(doc).contains("| `" + g.label() + "` | " + (g.enabledByDefault() ? "on" : "off") + " |");
    }
  }

  @Test
  void everyClusterKey() throws Exception {
    String doc = doc();
    for (String key : List.of("name", "source", "url", "user", "token_file", "ca_file", "api_version", "cli_bin_dir",
        "slurm_conf", "collectors", "labels", "refresh_interval", "accounting_state_file", "listen_address",
        "telemetry_path", "config_file", "level", "client_auth_type", "client_ca_file", "basic_auth_users")) {
      assertThat(doc).as(key).contains(key + ":");
    }
  }
}
