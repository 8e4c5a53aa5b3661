package io.slurmmetrics.testkit.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {
  private static final String TEXT = String.join("\n",
      "# HELP slurm_up 1 when the source answered.",
      "# TYPE slurm_up gauge",
      "slurm_up{cluster=\"a\",source=\"nodes\"} 1.0",
      "slurm_up{cluster=\"a\",source=\"jobs\"} 0.0",
      "# TYPE slurm_node_state_info gauge",
      "slurm_node_state_info{node=\"c3\",reason=\"say \\\"hi\\\", a\\\\b\\nc\",state=\"drained\"} 1",
      "# TYPE d histogram",
      "d_bucket{le=\"+Inf\"} 3",
      "d_sum 1.5e-3",
      "d_count 3",
      "");

  @Test
  void samplesAreFoundByNameAndLabels() {
    Exposition e = Exposition.parse(TEXT);
    assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(1.0);
    assertThat(e.sum("slurm_up")).isEqualTo(1.0);
    assertThat(e.sumBy("slurm_up", "source")).isEqualTo(Map.of("nodes", 1.0, "jobs", 0.0));
    assertThat(e.value("d_bucket", "le", "+Inf")).isEqualTo(3);
    assertThat(e.value("d_sum")).isEqualTo(0.0015);
    assertThat(e.type("d")).contains("histogram");
    assertThat(e.help("slurm_up")).contains("1 when the source answered.");
    assertThat(e.has("slurm_up", "source", "diag")).isFalse();
  }

  @Test
  void escapedLabelValuesAreUnescaped() {
    Exposition e = Exposition.parse(TEXT);
    assertThat(e.samples("slurm_node_state_info").get(0).label("reason")).isEqualTo("say \"hi\", a\\b\nc");
  }

  @Test
  void valueOfAnAmbiguousSeriesFailsNamingIt() {
    Exposition e = Exposition.parse(TEXT);
    assertThatThrownBy(() -> e.value("slurm_up")).isInstanceOf(AssertionError.class).hasMessageContaining("found 2");
    assertThatThrownBy(() -> e.value("nope")).isInstanceOf(AssertionError.class).hasMessageContaining("found 0");
  }

  @Test
  void malformedLinesFailWithTheirLineNumber() {
    assertThatThrownBy(() -> Exposition.parse("ok 1\nbad{x=1} 2\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    assertThatThrownBy(() -> Exposition.parse("x{a=\"1\",a=\"2\"} 1"))
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> Exposition.parse("x notanumber"))
        .hasMessageContaining("line 1");
  }
}
