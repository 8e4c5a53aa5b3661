package io.slurmmetrics.accounting;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.State;
import io.slurmmetrics.model.Tres;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Finished-job records for tests. */
final class TestJobs {
  private TestJobs() {}

  /**
   * A job that waited {@code waitSeconds} after submission, ran {@code elapsedSeconds} on {@code cpus} CPUs with
   * {@code memBytes} allocated and ended at {@code end}.
   */
  static AccountingJob.Builder finished(long id, String state, Instant end, long waitSeconds, long elapsedSeconds,
      long cpus) {
    Instant start = end.minusSeconds(elapsedSeconds);
    Instant submit = start.minusSeconds(waitSeconds);
    return AccountingJob.builder(id)
        .name("job" + id)
        .user("alice")
        .account("physics")
        .partition("cpu")
        .state(State.of(state))
        .submitTime(Optional.of(submit))
        .eligibleTime(Optional.of(submit))
        .startTime(Optional.of(start))
        .endTime(Optional.of(end))
        .elapsed(Duration.ofSeconds(elapsedSeconds))
        .tresAllocated(new Tres(Map.of("cpu", cpus, "mem", 4L << 30, "node", 1L)))
        .totalCpuTime(Duration.ofSeconds(elapsedSeconds * cpus / 2))
        .maxRssBytes(OptionalLong.of(1L << 30));
  }

  static AccountingJob completed(long id, Instant end) {
    return finished(id, "COMPLETED", end, 30, 600, 2).build();
  }
}
