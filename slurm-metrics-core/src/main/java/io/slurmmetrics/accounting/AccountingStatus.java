package io.slurmmetrics.accounting;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the accounting poller has done so far: an immutable view for status pages, logs and tests.
 *
 * @param databaseUp   whether the last poll got an answer from slurmdbd; empty before the first poll
 * @param countFrom    finished jobs that ended before this instant are never counted
 * @param cursor       every job that ended up to here (minus the overlap) has been read
 * @param trackedJobs  counted jobs remembered for deduplication (bounded by the overlap window)
 * @param jobsCounted  finished jobs counted since this poller started
 * @param errors       failed polls by {@code kind} ({@code unreachable}, {@code slurm_error}, ..., {@code state_file})
 * @param lastSuccess  when the last poll that reached slurmdbd finished
 * @param lastError    the last failure's one-line message (never a token), empty after a successful poll
 */
public record AccountingStatus(Optional<Boolean> databaseUp, Instant countFrom, Instant cursor, int trackedJobs,
    long jobsCounted, Map<String, Long> errors, Optional<Instant> lastSuccess, Optional<String> lastError) {

  public AccountingStatus {
    Objects.requireNonNull(databaseUp, "databaseUp");
    Objects.requireNonNull(countFrom, "countFrom");
    Objects.requireNonNull(cursor, "cursor");
    errors = Map.copyOf(errors);
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    Objects.requireNonNull(lastError, "lastError");
  }
}
