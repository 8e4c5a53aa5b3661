package io.slurmmetrics.metrics;

import static io.slurmmetrics.metrics.CollectorGroup.ACCOUNT;
import static io.slurmmetrics.metrics.CollectorGroup.ACCOUNTING;
import static io.slurmmetrics.metrics.CollectorGroup.CLUSTER;
import static io.slurmmetrics.metrics.CollectorGroup.FAIRSHARE;
import static io.slurmmetrics.metrics.CollectorGroup.FAIRSHARE_USER;
import static io.slurmmetrics.metrics.CollectorGroup.JOB;
import static io.slurmmetrics.metrics.CollectorGroup.JOBS;
import static io.slurmmetrics.metrics.CollectorGroup.LICENSE;
import static io.slurmmetrics.metrics.CollectorGroup.NODE;
import static io.slurmmetrics.metrics.CollectorGroup.NODES;
import static io.slurmmetrics.metrics.CollectorGroup.PARTITION;
import static io.slurmmetrics.metrics.CollectorGroup.RESERVATION;
import static io.slurmmetrics.metrics.CollectorGroup.RPC;
import static io.slurmmetrics.metrics.CollectorGroup.RPC_USER;
import static io.slurmmetrics.metrics.CollectorGroup.SCHEDULER;
import static io.slurmmetrics.metrics.CollectorGroup.USER;
import static io.slurmmetrics.metrics.MetricDefinition.Type.COUNTER;
import static io.slurmmetrics.metrics.MetricDefinition.Type.GAUGE;
import static io.slurmmetrics.metrics.MetricDefinition.Type.HISTOGRAM;

import io.slurmmetrics.metrics.MetricDefinition.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalogue's content, by area, in documentation order. */
final class CatalogEntries {
  private static final String NODES_SRC = "nodes";
  private static final String PARTITION_SRC = "nodes, partitions";
  private static final String JOBS_SRC = "jobs";
  private static final String DIAG_SRC = "diag";
  private static final String ACCT_SRC = "accounting_jobs";
  private static final String SELF = "exporter";

  private final Map<String, MetricDefinition> into;

  private CatalogEntries(Map<String, MetricDefinition> into) {
    this.into = into;
  }

  static void register(Map<String, MetricDefinition> into) {
    CatalogEntries c = new CatalogEntries(into);
    c.partitions();
    c.cluster();
    c.nodes();
    c.jobs();
    c.steps();
    c.reservations();
    c.licenses();
    c.scheduler();
    c.fairShare();
    c.health();
    c.self();
    c.accounting();
  }

  private void partitions() {
    String p = "partition";
    def("slurm_partition_cpus_total", GAUGE, "", PARTITION, PARTITION_SRC,
        "CPUs of the partition's nodes (a node in two partitions counts in both), like sinfo %C total.", p);
    def("slurm_partition_cpus_allocated", GAUGE, "", PARTITION, PARTITION_SRC,
        "CPUs allocated to jobs on the partition's nodes, like sinfo %C allocated.", p);
    def("slurm_partition_cpus_idle", GAUGE, "", PARTITION, PARTITION_SRC,
        "CPUs free for new jobs on the partition's nodes; CPUs of down, drained or otherwise unusable nodes are "
            + "excluded, like sinfo %C idle.", p);
    def("slurm_partition_cpus_other", GAUGE, "", PARTITION, PARTITION_SRC,
        "CPUs of the partition's nodes that are neither allocated nor idle (down, drained, ...), like sinfo %C other.",
        p);
    def("slurm_partition_memory_total_bytes", GAUGE, "bytes", PARTITION, PARTITION_SRC,
        "Real memory of the partition's nodes.", p);
    def("slurm_partition_memory_allocated_bytes", GAUGE, "bytes", PARTITION, PARTITION_SRC,
        "Memory allocated to jobs on the partition's nodes.", p);
    def("slurm_partition_nodes_total", GAUGE, "", PARTITION, PARTITION_SRC, "Nodes in the partition.", p);
    def("slurm_partition_nodes_idle", GAUGE, "", PARTITION, PARTITION_SRC,
        "Nodes of the partition in state idle (no flags that stop scheduling), like sinfo's idle count.", p);
    def("slurm_partition_gpus_total", GAUGE, "", PARTITION, PARTITION_SRC, "GPUs on the partition's nodes.", p);
    def("slurm_partition_gpus_allocated", GAUGE, "", PARTITION, PARTITION_SRC,
        "GPUs in use on the partition's nodes.", p);
  }

  private void cluster() {
    def("slurm_cluster_cpus_total", GAUGE, "", CLUSTER, NODES_SRC, "CPUs of all nodes, each node once.");
    def("slurm_cluster_cpus_allocated", GAUGE, "", CLUSTER, NODES_SRC, "CPUs allocated to jobs, each node once.");
    def("slurm_cluster_memory_total_bytes", GAUGE, "bytes", CLUSTER, NODES_SRC, "Real memory of all nodes.");
    def("slurm_cluster_memory_allocated_bytes", GAUGE, "bytes", CLUSTER, NODES_SRC,
        "Memory allocated to jobs on all nodes.");
    def("slurm_cluster_gpus_total", GAUGE, "", CLUSTER, NODES_SRC, "GPUs of all nodes.");
    def("slurm_cluster_gpus_allocated", GAUGE, "", CLUSTER, NODES_SRC, "GPUs in use on all nodes.");
  }

  private void nodes() {
    def("slurm_nodes_total", GAUGE, "", NODES, NODES_SRC,
        "Nodes by state, using sinfo's long state names (%T without its suffixes); sum by (state) equals the counts "
            + "of sinfo -N -o %T.", "state");
    String n = "node";
    def("slurm_node_cpus_total", GAUGE, "", NODE, NODES_SRC, "CPUs of the node.", n);
    def("slurm_node_cpus_allocated", GAUGE, "", NODE, NODES_SRC, "CPUs of the node allocated to jobs.", n);
    def("slurm_node_memory_total_bytes", GAUGE, "bytes", NODE, NODES_SRC, "Real memory of the node.", n);
    def("slurm_node_memory_allocated_bytes", GAUGE, "bytes", NODE, NODES_SRC,
        "Memory of the node allocated to jobs.", n);
    def("slurm_node_gpus_total", GAUGE, "", NODE, NODES_SRC, "GPUs of the node.", n);
    def("slurm_node_gpus_allocated", GAUGE, "", NODE, NODES_SRC, "GPUs of the node in use.", n);
    def("slurm_node_cpu_load", GAUGE, "", NODE, NODES_SRC,
        "One-minute load average of the node as slurmd reports it (absent when unknown).", n);
    def("slurm_node_state_info", GAUGE, "", NODE, NODES_SRC,
        "Always 1: the node's state (sinfo's long name) and, when set, the reason it is down or drained (capped at "
            + LabelValues.MAX_REASON_LENGTH + " characters).", n, "state", "reason");
  }

  private void jobs() {
    def("slurm_jobs_total", GAUGE, "", JOBS, JOBS_SRC,
        "Jobs slurmctld currently knows, by partition and state (a gauge: the current queue).", "partition", "state");
    def("slurm_jobs_pending", GAUGE, "", JOBS, JOBS_SRC, "Pending jobs by partition and pending reason.",
        "partition", "reason");
    def("slurm_jobs_cpus", GAUGE, "", JOBS, JOBS_SRC,
        "CPUs of current jobs (allocated when running, requested when pending), by partition and state.",
        "partition", "state");
    def("slurm_jobs_gpus", GAUGE, "", JOBS, JOBS_SRC,
        "GPUs of current jobs (allocated when running, requested when pending), by partition and state.",
        "partition", "state");
    def("slurm_user_jobs", GAUGE, "", USER, JOBS_SRC, "Current jobs by user and state.", "user", "state");
    def("slurm_user_cpus_running", GAUGE, "", USER, JOBS_SRC, "CPUs allocated to the user's running jobs.", "user");
    def("slurm_account_jobs", GAUGE, "", ACCOUNT, JOBS_SRC, "Current jobs by account and state.", "account", "state");
    def("slurm_account_cpus_running", GAUGE, "", ACCOUNT, JOBS_SRC, "CPUs allocated to the account's running jobs.",
        "account");
    def("slurm_account_gpus_running", GAUGE, "", ACCOUNT, JOBS_SRC, "GPUs allocated to the account's running jobs.",
        "account");
    String[] j = {"job_id", "partition", "user", "account"};
    def("slurm_job_cpus", GAUGE, "", JOB, JOBS_SRC, "CPUs allocated to the running job (per-job, opt-in).", j);
    def("slurm_job_memory_bytes", GAUGE, "bytes", JOB, JOBS_SRC,
        "Memory allocated to the running job (per-job, opt-in).", j);
    def("slurm_job_gpus", GAUGE, "", JOB, JOBS_SRC, "GPUs allocated to the running job (per-job, opt-in).", j);
    def("slurm_job_nodes", GAUGE, "", JOB, JOBS_SRC, "Nodes allocated to the running job (per-job, opt-in).", j);
    def("slurm_job_start_time_seconds", GAUGE, "seconds", JOB, JOBS_SRC,
        "Start time of the running job, Unix seconds (per-job, opt-in).", j);
    def("slurm_job_time_limit_seconds", GAUGE, "seconds", JOB, JOBS_SRC,
        "Time limit of the running job (absent when unlimited; per-job, opt-in).", j);
  }

  /** Opt-in per step, beside the per-job families: from slurmdbd, the one place slurmrestd lists running steps. */
  private void steps() {
    String src = "steps";
    String[] s = {"job_id", "step_id"};
    String per = " (per-step, opt-in; steps that ended are left out).";
    def("slurm_job_step_cpus", GAUGE, "", JOB, src, "CPUs allocated to the running step" + per, s);
    def("slurm_job_step_memory_bytes", GAUGE, "bytes", JOB, src, "Memory allocated to the running step" + per, s);
    def("slurm_job_step_gpus", GAUGE, "", JOB, src, "GPUs allocated to the running step" + per, s);
    def("slurm_job_step_nodes", GAUGE, "", JOB, src, "Nodes the running step runs on" + per, s);
    def("slurm_job_step_tasks", GAUGE, "", JOB, src, "Tasks of the running step" + per, s);
    def("slurm_job_step_start_time_seconds", GAUGE, "seconds", JOB, src,
        "Start time of the running step, Unix seconds" + per, s);
    def("slurm_job_step_info", GAUGE, "", JOB, src,
        "Always 1: the running step's name (batch, extern, the command srun ran) and state" + per,
        "job_id", "step_id", "name", "state");
  }

  private void reservations() {
    String src = "reservations";
    String r = "reservation";
    def("slurm_reservation_cpus", GAUGE, "", RESERVATION, src, "CPUs (cores) reserved.", r);
    def("slurm_reservation_nodes", GAUGE, "", RESERVATION, src, "Nodes reserved.", r);
    def("slurm_reservation_start_time_seconds", GAUGE, "seconds", RESERVATION, src,
        "Start of the reservation, Unix seconds.", r);
    def("slurm_reservation_end_time_seconds", GAUGE, "seconds", RESERVATION, src,
        "End of the reservation, Unix seconds.", r);
    def("slurm_reservation_active", GAUGE, "", RESERVATION, src,
        "1 while the reservation is in effect (start <= now < end), else 0.", r);
  }

  private void licenses() {
    String src = "licenses";
    String l = "license";
    def("slurm_license_total", GAUGE, "", LICENSE, src, "Licenses configured.", l);
    def("slurm_license_used", GAUGE, "", LICENSE, src, "Licenses in use.", l);
    def("slurm_license_free", GAUGE, "", LICENSE, src, "Licenses free.", l);
  }

  private void scheduler() {
    def("slurm_scheduler_threads", GAUGE, "", SCHEDULER, DIAG_SRC, "slurmctld server threads (sdiag).");
    def("slurm_scheduler_agent_queue_size", GAUGE, "", SCHEDULER, DIAG_SRC, "RPCs queued for the agent (sdiag).");
    def("slurm_scheduler_agents", GAUGE, "", SCHEDULER, DIAG_SRC, "Agents running (sdiag agent_count).");
    def("slurm_scheduler_agent_threads", GAUGE, "", SCHEDULER, DIAG_SRC, "Agent threads (sdiag).");
    def("slurm_scheduler_dbd_agent_queue_size", GAUGE, "", SCHEDULER, DIAG_SRC,
        "Messages queued for slurmdbd (sdiag); grows when slurmdbd is down.");
    def("slurm_scheduler_jobs_pending", GAUGE, "", SCHEDULER, DIAG_SRC, "Pending jobs as sdiag counts them.");
    def("slurm_scheduler_jobs_running", GAUGE, "", SCHEDULER, DIAG_SRC, "Running jobs as sdiag counts them.");
    def("slurm_scheduler_last_cycle_seconds", GAUGE, "seconds", SCHEDULER, DIAG_SRC,
        "Duration of the last main scheduling cycle.");
    def("slurm_scheduler_max_cycle_seconds", GAUGE, "seconds", SCHEDULER, DIAG_SRC,
        "Longest main scheduling cycle since sdiag's statistics were reset.");
    def("slurm_scheduler_mean_cycle_seconds", GAUGE, "seconds", SCHEDULER, DIAG_SRC,
        "Mean main scheduling cycle since sdiag's statistics were reset.");
    def("slurm_scheduler_mean_depth", GAUGE, "", SCHEDULER, DIAG_SRC,
        "Mean number of jobs the main scheduler looked at per cycle.");
    def("slurm_scheduler_cycles_per_minute", GAUGE, "", SCHEDULER, DIAG_SRC, "Main scheduling cycles per minute.");
    def("slurm_scheduler_backfill_last_cycle_seconds", GAUGE, "seconds", SCHEDULER, DIAG_SRC,
        "Duration of the last backfill cycle.");
    def("slurm_scheduler_backfill_max_cycle_seconds", GAUGE, "seconds", SCHEDULER, DIAG_SRC,
        "Longest backfill cycle since sdiag's statistics were reset.");
    def("slurm_scheduler_backfill_mean_cycle_seconds", GAUGE, "seconds", SCHEDULER, DIAG_SRC,
        "Mean backfill cycle since sdiag's statistics were reset.");
    def("slurm_scheduler_backfill_last_depth", GAUGE, "", SCHEDULER, DIAG_SRC,
        "Jobs the last backfill cycle looked at.");
    def("slurm_scheduler_backfill_mean_depth", GAUGE, "", SCHEDULER, DIAG_SRC,
        "Mean number of jobs a backfill cycle looked at.");
    String mono = " Kept monotonic across sdiag resets (midnight, restart, sdiag --reset).";
    def("slurm_scheduler_cycles_total", COUNTER, "", SCHEDULER, DIAG_SRC, "Main scheduling cycles." + mono);
    def("slurm_scheduler_backfill_cycles_total", COUNTER, "", SCHEDULER, DIAG_SRC, "Backfill cycles." + mono);
    def("slurm_scheduler_backfilled_jobs_total", COUNTER, "", SCHEDULER, DIAG_SRC,
        "Jobs started by the backfill scheduler." + mono);
    def("slurm_scheduler_jobs_submitted_total", COUNTER, "", SCHEDULER, DIAG_SRC, "Jobs submitted." + mono);
    def("slurm_scheduler_jobs_started_total", COUNTER, "", SCHEDULER, DIAG_SRC, "Jobs started." + mono);
    def("slurm_scheduler_jobs_completed_total", COUNTER, "", SCHEDULER, DIAG_SRC, "Jobs completed." + mono);
    def("slurm_scheduler_jobs_canceled_total", COUNTER, "", SCHEDULER, DIAG_SRC, "Jobs canceled." + mono);
    def("slurm_scheduler_jobs_failed_total", COUNTER, "", SCHEDULER, DIAG_SRC, "Jobs failed." + mono);
    def("slurm_scheduler_rpc_calls_total", COUNTER, "", RPC, DIAG_SRC, "RPCs slurmctld served, by message type."
        + mono, "type");
    def("slurm_scheduler_rpc_time_seconds_total", COUNTER, "seconds", RPC, DIAG_SRC,
        "Time slurmctld spent serving RPCs, by message type." + mono, "type");
    def("slurm_scheduler_rpc_user_calls_total", COUNTER, "", RPC_USER, DIAG_SRC, "RPCs slurmctld served, by user."
        + mono, "user");
    def("slurm_scheduler_rpc_user_time_seconds_total", COUNTER, "seconds", RPC_USER, DIAG_SRC,
        "Time slurmctld spent serving RPCs, by user." + mono, "user");
  }

  private void fairShare() {
    def("slurm_account_fairshare", GAUGE, "", FAIRSHARE, "shares", "Fair-share factor of the account (0..1, sshare).",
        "account");
    def("slurm_user_fairshare", GAUGE, "", FAIRSHARE_USER, "shares",
        "Fair-share factor of the user in the account (0..1, sshare).", "account", "user");
  }

  private void health() {
    always("slurm_controller_up", GAUGE, "", "ping", "1 when slurmctld answered the last ping, else 0.");
    always("slurm_database_up", GAUGE, "", "database", "1 when slurmdbd answered in the last refresh, else 0.");
    always("slurm_up", GAUGE, "", SELF,
        "1 when the last refresh of this source (endpoint) succeeded with data younger than the max age, else 0.",
        "source");
    always("slurm_info", GAUGE, "", "ping", "Slurm version and API in use (always 1; an info-style gauge).", "version", "api_version", "source");
  }

  private void self() {
    always("slurm_exporter_collect_duration_seconds", HISTOGRAM, "seconds", SELF,
        "How long fetching each source (endpoint) from Slurm took.", "source");
    always("slurm_exporter_collect_errors_total", COUNTER, "", SELF,
        "Failed refreshes, by source (endpoint) and kind of failure; an endpoint this Slurm cannot serve "
        + "(kind unsupported) counts once when that starts, not on every refresh.", "source", "kind");
    always("slurm_exporter_last_success_timestamp_seconds", GAUGE, "seconds", SELF,
        "When each source (endpoint) last answered, Unix seconds.", "source");
    always("slurm_exporter_snapshot_age_seconds", GAUGE, "seconds", SELF,
        "Age of the data served by this scrape (absent when none is young enough to serve).");
    always("slurm_exporter_series_dropped_total", COUNTER, "", SELF,
        "Series left out because a family reached the series limit, by family.", "family");
    always("slurm_exporter_collector_enabled", GAUGE, "", SELF,
        "1 when the collector group's families are in effect for this cluster, else 0; node reads 0 too when the "
            + "per-node families are left out automatically because the cluster has more nodes than the threshold "
            + "(--collector.node.max-nodes).", "collector");
    always(MetricCatalog.BUILD_INFO, GAUGE, "", SELF, "The exporter's version (always 1; no cluster label).", "version");
  }

  /** Issue 5's families: defined here, rendered by the accounting package through a FamilyProvider. */
  private void accounting() {
    String fromDb = " From slurmdbd; each finished job counted once.";
    def("slurm_jobs_completed_total", COUNTER, "", ACCOUNTING, ACCT_SRC, "Jobs that finished COMPLETED." + fromDb,
        "partition", "account", "user");
    def("slurm_jobs_failed_total", COUNTER, "", ACCOUNTING, ACCT_SRC,
        "Jobs that ended FAILED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, BOOT_FAIL or DEADLINE." + fromDb,
        "partition", "account", "user", "state");
    def("slurm_jobs_cancelled_total", COUNTER, "", ACCOUNTING, ACCT_SRC, "Jobs that ended CANCELLED." + fromDb,
        "partition", "account", "user");
    def("slurm_account_cpu_hours_used_total", COUNTER, "", ACCOUNTING, ACCT_SRC,
        "CPU hours used (TotalCPU) by finished jobs." + fromDb, "account", "user");
    def("slurm_job_cpu_hours_total", COUNTER, "", ACCOUNTING, ACCT_SRC,
        "CPU hours allocated (allocated CPUs x elapsed) to finished jobs." + fromDb, "partition", "account", "user");
    def("slurm_job_gpu_hours_total", COUNTER, "", ACCOUNTING, ACCT_SRC,
        "GPU hours allocated (allocated GPUs x elapsed) to finished jobs." + fromDb, "partition", "account", "user");
    def("slurm_job_waste_cpu_hours_total", COUNTER, "", ACCOUNTING, ACCT_SRC,
        "CPU hours allocated but not used (allocated minus TotalCPU)." + fromDb, "partition", "account");
    def("slurm_job_waste_memory_gb_hours_total", COUNTER, "", ACCOUNTING, ACCT_SRC,
        "Memory GB-hours (GB = 10^9 bytes) allocated but not used (allocated minus max RSS, x elapsed)." + fromDb,
        "partition", "account");
    def("slurm_job_wait_time_seconds", HISTOGRAM, "seconds", ACCOUNTING, ACCT_SRC,
        "Time from eligible to start of started jobs.", "partition");
    def("slurm_job_duration_seconds", HISTOGRAM, "seconds", ACCOUNTING, ACCT_SRC,
        "Elapsed time of finished jobs.", "partition");
    def("slurm_job_cpu_efficiency_ratio", HISTOGRAM, "ratio", ACCOUNTING, ACCT_SRC,
        "CPU time used / (allocated CPUs x elapsed) of finished jobs.", "partition");
    def("slurm_job_memory_efficiency_ratio", HISTOGRAM, "ratio", ACCOUNTING, ACCT_SRC,
        "Max RSS / allocated memory of finished jobs.", "partition");
    // the accounting poller's own health (it polls slurmdbd on its own thread, outside the refresh)
    def("slurm_accounting_errors_total", COUNTER, "", ACCOUNTING, ACCT_SRC,
        "Failed accounting polls (and state file writes) by kind; the cursor stays, nothing is skipped.", "kind");
    def("slurm_accounting_tracked_jobs", GAUGE, "", ACCOUNTING, ACCT_SRC,
        "Counted jobs remembered so the overlap window does not count them twice.");
    def("slurm_accounting_cursor_timestamp_seconds", GAUGE, "seconds", ACCOUNTING, ACCT_SRC,
        "Finished jobs that ended before this time (minus the overlap) have all been read, Unix seconds.");
  }

  private void def(String name, Type type, String unit, CollectorGroup group, String source, String help,
      String... labels) {
    put(new MetricDefinition(name, type, unit, List.of(labels), help, Optional.of(group), source));
  }

  private void always(String name, Type type, String unit, String source, String help, String... labels) {
    put(new MetricDefinition(name, type, unit, List.of(labels), help, Optional.empty(), source));
  }

  private void put(MetricDefinition d) {
    if (into.putIfAbsent(d.name(), d) != null) throw new IllegalStateException("defined twice: " + d.name());
  }
}
