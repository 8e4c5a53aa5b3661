package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.model.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected names read off Slurm's node_state_string() and job_state_string() (src/common/slurm_protocol_defs.c),
 * lower-cased and without sinfo's one-character suffixes.
 */
class SlurmStatesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "IDLE, idle",
      "MIXED, mixed",
      "ALLOCATED, allocated",
      "DOWN, down",
      "FUTURE, future",
      "UNKNOWN, unknown",
      "IDLE+DRAIN, drained",
      "MIXED+DRAIN, draining",
      "ALLOCATED+DRAIN, draining",
      "IDLE+COMPLETING+DRAIN, draining",
      "DOWN+DRAIN, drained",
      "IDLE+COMPLETING, completing",
      "ALLOCATED+COMPLETING, allocated",
      "IDLE+RESERVED, reserved",
      "IDLE+PLANNED, planned",
      "MIXED+PLANNED, mixed",
      "IDLE+MAINTENANCE, maint",
      "ALLOCATED+MAINTENANCE, allocated",
      "IDLE+DRAIN+MAINTENANCE, drained",
      "IDLE+INVALID_REG, inval",
      "DOWN+INVALID_REG, inval",
      "IDLE+FAIL, fail",
      "ALLOCATED+FAIL, failing",
      "IDLE+POWERED_DOWN, idle",
      "UNKNOWN+POWERED_DOWN, powered_down",
      "IDLE+REBOOT_REQUESTED, reboot",
      "MIXED+REBOOT_REQUESTED, mixed",
      "DOWN+NOT_RESPONDING, down",
      "IDLE+NOT_RESPONDING+RESERVED, idle",
      "IDLE+CLOUD+POWERED_DOWN, idle",
      "IDLE+DRAIN+POWERED_DOWN, drained",
  })
  void nodeStateIsNamedLikeSinfoLongFormat(String tokens, String expected) {
    String[] parts = tokens.split("\\+");
    String[] flags = java.util.Arrays.copyOfRange(parts, 1, parts.length);
    assertThat(SlurmStates.nodeState(State.of(parts[0], flags))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "DRAINED, drained",
      "DRAINING, draining",
      "INVAL, inval",
      "MAINT, maint",
      "RESERVED, reserved",
      "COMPLETING, completing",
      "POWERED_DOWN, powered_down",
  })
  void sinfoTextBaseStatesFromTheCliSourceMapToTheSameNames(String base, String expected) {
    assertThat(SlurmStates.nodeState(State.of(base))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "PENDING, pending",
      "RUNNING, running",
      "RUNNING+COMPLETING, completing",
      "COMPLETED, completed",
      "CANCELLED, cancelled",
      "PENDING+REQUEUED, requeued",
      "RUNNING+CONFIGURING, configuring",
      "TIMEOUT, timeout",
      "OUT_OF_MEMORY, out_of_memory",
  })
  void jobStateIsNamedLikeSqueue(String tokens, String expected) {
    String[] parts = tokens.split("\\+");
    String[] flags = java.util.Arrays.copyOfRange(parts, 1, parts.length);
    assertThat(SlurmStates.jobState(State.of(parts[0], flags))).isEqualTo(expected);
  }
}
