package io.slurmmetrics.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentArgsTest {
  @Test
  void portAndFile() throws Exception {
    AgentArgs a = AgentArgs.parse("9341:/etc/exporter.yml");
    assertThat(a.listenAddress().toString()).isEqualTo(":9341");
    assertThat(a.configFile()).isEqualTo(Path.of("/etc/exporter.yml"));
  }

  @Test
  void hostPortAndFile() throws Exception {
    assertThat(AgentArgs.parse("127.0.0.1:9000:x.yml").listenAddress().toString()).isEqualTo("127.0.0.1:9000");
    assertThat(AgentArgs.parse("[::1]:9000:x.yml").listenAddress().toString()).isEqualTo("[::1]:9000");
  }

  @Test
  void missingPartsAreClearErrors() {
    assertThatThrownBy(() -> AgentArgs.parse(null)).hasMessageContaining("no agent arguments");
    assertThatThrownBy(() -> AgentArgs.parse("9341")).hasMessageContaining("[host:]port:config.yml");
    assertThatThrownBy(() -> AgentArgs.parse("9341:")).hasMessageContaining("no config file");
    assertThatThrownBy(() -> AgentArgs.parse("host:port:x.yml")).hasMessageContaining("port \"port\" is not a number");
  }
}
