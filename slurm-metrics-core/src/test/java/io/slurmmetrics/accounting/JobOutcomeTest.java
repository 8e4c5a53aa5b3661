package io.slurmmetrics.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.model.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobOutcomeTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "COMPLETED, COMPLETED",
      "FAILED, FAILED",
      "TIMEOUT, FAILED",
      "NODE_FAIL, FAILED",
      "OUT_OF_MEMORY, FAILED",
      "BOOT_FAIL, FAILED",
      "DEADLINE, FAILED",
      "CANCELLED, CANCELLED",
      "PREEMPTED, OTHER_FINISHED",
      "REQUEUED, OTHER_FINISHED",
      "REVOKED, OTHER_FINISHED",
      "RUNNING, UNFINISHED",
      "PENDING, UNFINISHED",
      "SUSPENDED, UNFINISHED",
      "REQUEUE_HOLD, UNFINISHED",
      "SOMETHING_NEW, UNFINISHED",
  })
  void baseStateDecidesTheCounter(String state, JobOutcome expected) {
    assertThat(JobOutcome.of(State.of(state))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"cancelled", "Cancelled"})
  void stateCaseDoesNotMatter(String state) {
    assertThat(JobOutcome.of(State.of(state))).isEqualTo(JobOutcome.CANCELLED);
  }

  @ParameterizedTest
  @CsvSource({"COMPLETED, COMPLETING", "FAILED, REQUEUED"})
  void flagsDoNotChangeTheOutcome(String base, String flag) {
    assertThat(JobOutcome.of(State.of(base, flag))).isEqualTo(JobOutcome.of(State.of(base)));
  }
}
