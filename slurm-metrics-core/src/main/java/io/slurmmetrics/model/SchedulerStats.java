package io.slurmmetrics.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * slurmctld's scheduler statistics ({@code sdiag}). Cycle times are in seconds (Slurm reports microseconds).
 * The job counters are Slurm's own: they reset at midnight, on restart and on {@code sdiag --reset}.
 */
public record SchedulerStats(
    int serverThreadCount,
    int agentQueueSize,
    int agentCount,
    int agentThreadCount,
    int dbdAgentQueueSize,
    long jobsSubmitted,
    long jobsStarted,
    long jobsCompleted,
    long jobsCanceled,
    long jobsFailed,
    long jobsPending,
    long jobsRunning,
    double mainCycleLastSeconds,
    double mainCycleMaxSeconds,
    double mainCycleMeanSeconds,
    double mainCycleMeanDepth,
    double mainCyclesPerMinute,
    long mainCycleCount,
    long backfillCycleCount,
    double backfillCycleLastSeconds,
    double backfillCycleMaxSeconds,
    double backfillCycleMeanSeconds,
    long backfillLastDepth,
    double backfillMeanDepth,
    long backfilledJobs,
    Optional<Instant> statsSince,
    List<RpcStat> rpcsByType,
    List<RpcStat> rpcsByUser) {

  /** Fails fast on null fields; copies the RPC lists. */
  public SchedulerStats {
    Objects.requireNonNull(statsSince, "statsSince");
    rpcsByType = List.copyOf(rpcsByType);
    rpcsByUser = List.copyOf(rpcsByUser);
  }

  /**
   * RPC statistics for one message type or one user.
   *
   * @param name             the message type ({@code REQUEST_PARTITION_INFO}) or the user name
   * @param totalTimeSeconds total time slurmctld spent on them (Slurm reports microseconds)
   */
  public record RpcStat(String name, long count, double totalTimeSeconds) {
    /** Fails fast on a null name. */
    public RpcStat {
      Objects.requireNonNull(name, "name");
    }
  }
}
