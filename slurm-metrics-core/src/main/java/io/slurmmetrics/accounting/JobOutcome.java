package io.slurmmetrics.accounting;

import io.slurmmetrics.model.State;
import java.util.Set;

/**
 * How a job record counts, from its base state. Only records in a terminal state are counted at all; a record still
 * running, pending or in a state we do not know is left for a later poll.
 */
enum JobOutcome {
  /** {@code COMPLETED}: {@code slurm_jobs_completed_total}. */
  COMPLETED,
  /** One of {@link #FAILED_STATES}: {@code slurm_jobs_failed_total{state}}. */
  FAILED,
  /** {@code CANCELLED}: {@code slurm_jobs_cancelled_total}. */
  CANCELLED,
  /**
   * Finished without being completed, failed or cancelled ({@code PREEMPTED}, {@code REQUEUED}, {@code REVOKED}):
   * its resources count in the hour counters and histograms, it is in no job counter.
   */
  OTHER_FINISHED,
  /** Not finished, or a state we do not know: not counted, not remembered. */
  UNFINISHED;

  /** The states {@code slurm_jobs_failed_total} has as its {@code state} label. */
  static final Set<String> FAILED_STATES =
      Set.of("FAILED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE");

  private static final Set<String> OTHER_FINISHED_STATES = Set.of("PREEMPTED", "REQUEUED", "REVOKED");

  static JobOutcome of(State state) {
    String base = state.base();
    if (base.equals("COMPLETED")) return COMPLETED;
    if (base.equals("CANCELLED")) return CANCELLED;
    if (FAILED_STATES.contains(base)) return FAILED;
    if (OTHER_FINISHED_STATES.contains(base)) return OTHER_FINISHED;
    return UNFINISHED;
  }

  boolean isFinished() {
    return this != UNFINISHED;
  }
}
