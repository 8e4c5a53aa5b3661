package io.slurmmetrics.source;

import java.util.Locale;

/** The kinds of Slurm data a source can fetch. {@link #label()} is what metrics and logs call it. */
public enum Endpoint {
  /** Controller ping ({@code /ping}, {@code scontrol ping}). */
  PING,
  /** Nodes ({@code /nodes}, {@code scontrol show nodes}, {@code sinfo}). */
  NODES,
  /** Partitions. */
  PARTITIONS,
  /** The controller's jobs ({@code /jobs}, {@code scontrol show jobs}, {@code squeue}). */
  JOBS,
  /** Advance reservations. */
  RESERVATIONS,
  /** License pools. */
  LICENSES,
  /** Scheduler statistics ({@code /diag}, {@code sdiag}). */
  DIAG,
  /** Fair-share tree ({@code /shares}, {@code sshare}). */
  SHARES,
  /** slurmdbd reachability ({@code /slurmdb/.../diag}, {@code sacctmgr}). */
  DATABASE,
  /** Jobs from the accounting database ({@code /slurmdb/.../jobs}, {@code sacct}). */
  ACCOUNTING_JOBS,
  /**
   * Steps of the running jobs, from the accounting database ({@code /slurmdb/.../jobs?state=RUNNING},
   * {@code sacct --json -s R}): slurmrestd has no live step endpoint.
   */
  STEPS;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The lower-case name, as used in metrics and logs. */
  public String label() {
    return label;
  }
}
