package io.slurmmetrics.metrics;

import io.slurmmetrics.model.SchedulerStats;

/** sdiag: gauges as Slurm reports them, counters made monotonic by {@link SchedulerCounters}. */
final class SchedulerFamilies {
  private SchedulerFamilies() {}

  static void render(SchedulerStats s, SchedulerCounters c, FamilySet fs) {
    fs.add("slurm_scheduler_threads", s.serverThreadCount());
    fs.add("slurm_scheduler_agent_queue_size", s.agentQueueSize());
    fs.add("slurm_scheduler_agents", s.agentCount());
    fs.add("slurm_scheduler_agent_threads", s.agentThreadCount());
    fs.add("slurm_scheduler_dbd_agent_queue_size", s.dbdAgentQueueSize());
    fs.add("slurm_scheduler_jobs_pending", s.jobsPending());
    fs.add("slurm_scheduler_jobs_running", s.jobsRunning());
    fs.add("slurm_scheduler_last_cycle_seconds", s.mainCycleLastSeconds());
    fs.add("slurm_scheduler_max_cycle_seconds", s.mainCycleMaxSeconds());
    fs.add("slurm_scheduler_mean_cycle_seconds", s.mainCycleMeanSeconds());
    fs.add("slurm_scheduler_mean_depth", s.mainCycleMeanDepth());
    fs.add("slurm_scheduler_cycles_per_minute", s.mainCyclesPerMinute());
    fs.add("slurm_scheduler_backfill_last_cycle_seconds", s.backfillCycleLastSeconds());
    fs.add("slurm_scheduler_backfill_max_cycle_seconds", s.backfillCycleMaxSeconds());
    fs.add("slurm_scheduler_backfill_mean_cycle_seconds", s.backfillCycleMeanSeconds());
    fs.add("slurm_scheduler_backfill_last_depth", s.backfillLastDepth());
    fs.add("slurm_scheduler_backfill_mean_depth", s.backfillMeanDepth());
    fs.add("slurm_scheduler_cycles_total", c.total("cycles"));
    fs.add("slurm_scheduler_backfill_cycles_total", c.total("backfill_cycles"));
    fs.add("slurm_scheduler_backfilled_jobs_total", c.total("backfilled_jobs"));
    fs.add("slurm_scheduler_jobs_submitted_total", c.total("submitted"));
    fs.add("slurm_scheduler_jobs_started_total", c.total("started"));
    fs.add("slurm_scheduler_jobs_completed_total", c.total("completed"));
    fs.add("slurm_scheduler_jobs_canceled_total", c.total("canceled"));
    fs.add("slurm_scheduler_jobs_failed_total", c.total("failed"));
    c.totals("rpc_calls\0").forEach((type, v) -> fs.add("slurm_scheduler_rpc_calls_total", v, type));
    c.totals("rpc_time\0").forEach((type, v) -> fs.add("slurm_scheduler_rpc_time_seconds_total", v, type));
    if (fs.isEnabled("slurm_scheduler_rpc_user_calls_total")) {
      c.totals("rpc_user_calls\0").forEach((user, v) -> fs.add("slurm_scheduler_rpc_user_calls_total", v, user));
      c.totals("rpc_user_time\0").forEach((user, v) -> fs.add("slurm_scheduler_rpc_user_time_seconds_total", v, user));
    }
  }
}
