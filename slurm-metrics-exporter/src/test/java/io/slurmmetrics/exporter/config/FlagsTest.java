package io.slurmmetrics.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slurmmetrics.metrics.CollectorGroup;
import org.junit.jupiter.api.Test;

class FlagsTest {

  @Test
  void acceptsEqualsAndSpaceSeparatedValues() throws Exception {
    Flags f = Flags.parse("--web.listen-address=:1234", "--slurm.rest.url", "http://ctl:6820", "--demo");
    assertThat(f.get(Flags.LISTEN_ADDRESS)).contains(":1234");
    assertThat(f.get(Flags.REST_URL)).contains("http://ctl:6820");
    assertThat(f.isTrue(Flags.DEMO)).isTrue();
  }

  @Test
  void unknownFlagIsAnErrorThatNamesItAndSuggestsTheRightOne() {
    assertThatThrownBy(() -> Flags.parse("--web.listen_address=:1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown flag --web.listen_address")
        .hasMessageContaining("did you mean --web.listen-address?");
  }

  @Test
  void collectorFlagsSwitchGroupsOnAndOff() throws Exception {
    Flags f = Flags.parse("--no-collector.node", "--collector.rpc_user", "--collector.job=false");
    assertThat(f.collectors()).containsEntry(CollectorGroup.NODE, false)
        .containsEntry(CollectorGroup.RPC_USER, true)
        .containsEntry(CollectorGroup.JOB, false);
  }

  @Test
  void unknownCollectorNamesTheKnownOnes() {
    assertThatThrownBy(() -> Flags.parse("--collector.gpus"))
        .hasMessageContaining("unknown collector \"gpus\" in --collector.gpus")
        .hasMessageContaining("partition");
  }

  @Test
  void valueFlagAtTheEndNeedsAValue() {
    assertThatThrownBy(() -> Flags.parse("--config.file"))
        .hasMessage("flag --config.file needs a value: --config.file=<file>");
  }

  @Test
  void positionalArgumentsAreRejected() {
    assertThatThrownBy(() -> Flags.parse("metrics")).hasMessageContaining("unexpected argument \"metrics\"");
  }

  @Test
  void repeatedFlagIsAnError() {
    assertThatThrownBy(() -> Flags.parse("--log.level=info", "--log.level=debug"))
        .hasMessage("flag --log.level given more than once");
  }

  @Test
  void helpShowsEveryFlagWithItsDefaultAndEveryCollector() {
    String help = Help.text("1.2.3");
    for (Flags.Flag f : Help.flags()) {
      assertThat(help).contains("--" + f.name());
      if (!f.defaultValue().isEmpty()) assertThat(help).contains("[default: " + f.defaultValue() + "]");
    }
    for (CollectorGroup g : CollectorGroup.values()) assertThat(help).contains("--[no-]collector." + g.label());
    assertThat(help).contains("Examples:").contains("--demo").contains("-javaagent:");
  }
}
