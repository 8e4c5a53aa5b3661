package io.slurmmetrics.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ClusterSimulatorApiVersionTest {
  private static ClusterSimulator simulator(String apiVersion) {
    return ClusterSimulator.builder()
        .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
        .apiVersion(apiVersion)
        .build();
  }

  @Test
  void v44SimulatorAnswersOnlyV44PathsWithV44OnlyKeys() throws IOException {
    ClusterSimulator sim = simulator("v0.0.44");
    Buffer jobs = new Buffer();
    assertThat(sim.write("/slurm/v0.0.44/jobs", Map.of(), jobs)).isTrue();
    assertThat(jobs.readUtf8()).contains("\"step_id\"").contains("\"job_resources\"");
    Buffer nodes = new Buffer();
    assertThat(sim.write("/slurm/v0.0.44/nodes", Map.of(), nodes)).isTrue();
    assertThat(nodes.readUtf8()).contains("\"topology\"");
    assertThat(sim.write("/slurm/v0.0.42/jobs", Map.of(), new Buffer())).isFalse();
  }

  @Test
  void defaultSimulatorKeepsSpeakingV42() throws IOException {
    ClusterSimulator sim = ClusterSimulator.builder()
        .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
    Buffer jobs = new Buffer();
    assertThat(sim.write("/slurm/v0.0.42/jobs", Map.of(), jobs)).isTrue();
    assertThat(jobs.readUtf8()).doesNotContain("\"step_id\"");
    assertThat(sim.write("/slurm/v0.0.44/jobs", Map.of(), new Buffer())).isFalse();
  }

  @Test
  void versionWithoutRecordedShapesIsRefused() {
    assertThatThrownBy(() -> ClusterSimulator.builder().apiVersion("v0.0.43"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v0.0.43");
  }
}
