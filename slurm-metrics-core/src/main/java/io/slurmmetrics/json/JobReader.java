package io.slurmmetrics.json;

import static io.slurmmetrics.json.ByteValues.longOr;
import static io.slurmmetrics.json.ByteValues.number;

import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One job of {@code /slurm/.../jobs} or {@code squeue --json}, read from raw bytes ({@link ByteJsonReader}): the
 * answer of a 50,000-job queue is 250-300 MB, most of it {@code job_resources} and other subtrees we do not model,
 * which are skipped by brackets and quotes. One instance per answer; not thread-safe.
 */
final class JobReader {
  private static final long MIB = 1024L * 1024L;

  /** The keys we read, by index into {@link #TABLE}. */
  private static final String[] KEYS = {
      "job_id", "array_job_id", "array_task_id", "array_task_string", "het_job_id", "het_job_offset",
      "name", "user_name", "account", "partition", "qos", "job_state",
      "state_flags", "state_reason", "cpus", "node_count", "nodes", "memory_per_node",
      "memory_per_cpu", "tres_req_str", "tres_alloc_str", "submit_time", "eligible_time", "start_time",
      "end_time", "time_limit"};
  /** Every other key Slurm 22.05..26.05 sends in this object: skipped without becoming a String. */
  private static final ByteKeyTable TABLE = new ByteKeyTable(List.of(KEYS), List.of(
      "accrue_time", "admin_comment", "allocating_node", "array_max_tasks", "association_id", "batch_features",
      "batch_flag", "batch_host", "billable_tres", "burst_buffer", "burst_buffer_state", "cluster",
      "cluster_features", "command", "comment", "container", "container_id", "container_type", "contiguous",
      "core_spec", "cores_per_socket", "cpu_frequency_governor", "cpu_frequency_maximum", "cpu_frequency_minimum",
      "cpus_per_task", "cpus_per_tres", "cron", "current_working_directory", "deadline", "delay_boot", "dependency",
      "derived_exit_code", "excluded_nodes", "exclusive", "exit_code", "extra", "failed_node", "features",
      "federation_origin", "federation_siblings_active", "federation_siblings_viable", "flags", "gres_detail",
      "group_id", "group_name", "het_job_id_set", "hold", "job_resources", "job_size_str", "last_sched_evaluation",
      "licenses", "licenses_allocated", "mail_type", "mail_user", "max_cpus", "max_nodes", "maximum_switch_wait_time",
      "mcs_label", "memory_per_tres", "memory_update_delay", "memory_update_margin", "minimum_cpus_per_node",
      "minimum_switches", "minimum_tmp_disk_per_node", "network", "nice", "oversubscribe", "power", "pre_sus_time",
      "preempt_time", "preemptable_time", "prefer", "priority", "priority_by_partition", "profile", "reboot",
      "requeue", "required_nodes", "required_switches", "resize_time", "restart_cnt", "resv_name", "scheduled_nodes",
      "segment_size", "selinux_context", "shared", "show_flags", "sockets_per_board", "sockets_per_node",
      "standard_error", "standard_input", "standard_output", "state_description", "stderr_expanded", "stdin_expanded",
      "stdout_expanded", "step_id", "submit_line", "suspend_time", "system_comment", "tasks", "tasks_per_board",
      "tasks_per_core", "tasks_per_node", "tasks_per_socket", "tasks_per_tres", "thread_spec", "threads_per_core",
      "time_minimum", "tres_bind", "tres_freq", "tres_per_job", "tres_per_node", "tres_per_socket", "tres_per_task",
      "user_id", "wckey"));

  private final ByteValues values = new ByteValues();

  // indexes into KEYS, for the switch below
  private static final int JOB_ID = 0, ARRAY_JOB_ID = 1, ARRAY_TASK_ID = 2, ARRAY_TASK_STRING = 3, HET_JOB_ID = 4,
      HET_JOB_OFFSET = 5, NAME = 6, USER_NAME = 7, ACCOUNT = 8, PARTITION = 9, QOS = 10, JOB_STATE = 11,
      STATE_FLAGS = 12, STATE_REASON = 13, CPUS = 14, NODE_COUNT = 15, NODES = 16, MEMORY_PER_NODE = 17,
      MEMORY_PER_CPU = 18, TRES_REQ_STR = 19, TRES_ALLOC_STR = 20, SUBMIT_TIME = 21, ELIGIBLE_TIME = 22,
      START_TIME = 23, END_TIME = 24, TIME_LIMIT = 25;
  /** "Not in the answer" for the primitive fields below (no real id, time or offset takes this value). */
  private static final long NONE = Long.MIN_VALUE;

  Job read(ByteJsonReader r, int index) throws IOException {
    // primitives and shared values while reading: this runs 50,000 times per refresh of a large queue, and every
    // object allocated here is garbage the collector pays for next to the live snapshot
    long jobId = NONE;
    long arrayJobId = 0;
    long arrayTaskId = NONE;
    String arrayTasks = "";
    long hetJobId = 0;
    long hetJobOffset = NONE;
    String name = "";
    String user = "";
    String account = "";
    String partition = "";
    String qos = "";
    List<String> stateTokens = new ArrayList<>(4);
    String reason = "";
    long cpus = 0;
    long nodeCount = 0;
    String nodes = "";
    SlurmNumber memPerNode = SlurmNumber.UNSET;
    SlurmNumber memPerCpu = SlurmNumber.UNSET;
    Tres tresReq = Tres.EMPTY;
    Tres tresAlloc = Tres.EMPTY;
    long submit = 0;
    long eligible = 0;
    long start = 0;
    long end = 0;
    long timeLimit = -1;

    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(TABLE)) {
        case JOB_ID -> jobId = longOr(r, NONE);
        case ARRAY_JOB_ID -> arrayJobId = longOr(r, 0);
        case ARRAY_TASK_ID -> arrayTaskId = longOr(r, NONE);
        case ARRAY_TASK_STRING -> arrayTasks = r.nextString();
        case HET_JOB_ID -> hetJobId = longOr(r, 0);
        case HET_JOB_OFFSET -> hetJobOffset = longOr(r, NONE);
        case NAME -> name = r.nextString(); // free text, unbounded: not canonicalised
        case USER_NAME -> user = values.label(r);
        case ACCOUNT -> account = values.label(r);
        case PARTITION -> partition = values.label(r);
        case QOS -> qos = values.label(r);
        // v0.0.38 sends the flags apart; both go into one state, whatever the order of the keys
        case JOB_STATE, STATE_FLAGS -> values.tokens(r, stateTokens);
        case STATE_REASON -> reason = values.label(r);
        case CPUS -> cpus = longOr(r, 0);
        case NODE_COUNT -> nodeCount = longOr(r, 0);
        case NODES -> nodes = r.nextString();
        case MEMORY_PER_NODE -> memPerNode = number(r);
        case MEMORY_PER_CPU -> memPerCpu = number(r);
        case TRES_REQ_STR -> tresReq = values.tres(r);
        case TRES_ALLOC_STR -> tresAlloc = values.tres(r);
        case SUBMIT_TIME -> submit = longOr(r, 0);
        case ELIGIBLE_TIME -> eligible = longOr(r, 0);
        case START_TIME -> start = longOr(r, 0);
        case END_TIME -> end = longOr(r, 0);
        case TIME_LIMIT -> timeLimit = longOr(r, -1);
        default -> r.skipValue(); // job_resources, gres_detail, environment, ...: not decoded
      }
    }
    r.endObject();
    if (jobId == NONE) throw PayloadError.missing("job_id", "jobs[" + index + "]");

    Tres effective = tresAlloc.isEmpty() ? tresReq : tresAlloc;
    long memory = effective.memoryBytes();
    if (memory == 0) {
      if (memPerNode.isSet() && !memPerNode.isPerCpu()) {
        memory = memPerNode.longValue() * MIB * Math.max(1, nodeCount);
      } else if (memPerCpu.isSet() || memPerNode.isPerCpu()) {
        long perCpu = memPerCpu.isSet() ? memPerCpu.longValue() : memPerNode.longValue();
        memory = perCpu * MIB * Math.max(1, cpus);
      }
    }
    return new Job(jobId, arrayJobId,
        arrayJobId != 0 && arrayTaskId != NONE ? OptionalLong.of(arrayTaskId) : OptionalLong.empty(),
        arrayTasks, hetJobId,
        hetJobId != 0 && hetJobOffset != NONE ? OptionalLong.of(hetJobOffset) : OptionalLong.empty(),
        name, user, account, partition, qos,
        StateReader.canonical(stateTokens),
        reason.equals("None") ? "" : reason,
        JsonValues.toInt(cpus), JsonValues.toInt(nodeCount), nodes, memory, effective.gpus(), tresAlloc, tresReq,
        JsonValues.instant(submit), JsonValues.instant(eligible), JsonValues.instant(start), JsonValues.instant(end),
        timeLimit < 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(timeLimit)));
  }
}
