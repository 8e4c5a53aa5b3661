package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One job of {@code /slurm/.../jobs} or {@code squeue --json}. {@code job_resources} and the other large subtrees
 * we do not model are skipped without being decoded.
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
  private static final KeyTable TABLE = new KeyTable(List.of(KEYS), List.of(
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

  private JobReader() {}

  static Job read(JsonReader r, int index) throws IOException {
    SlurmNumber jobId = SlurmNumber.UNSET;
    long arrayJobId = 0;
    SlurmNumber arrayTaskId = SlurmNumber.UNSET;
    String arrayTasks = "";
    long hetJobId = 0;
    SlurmNumber hetJobOffset = SlurmNumber.UNSET;
    String name = "";
    String user = "";
    String account = "";
    String partition = "";
    String qos = "";
    List<String> state = new ArrayList<>();
    List<String> stateFlags = new ArrayList<>();
    String reason = "";
    long cpus = 0;
    long nodeCount = 0;
    String nodes = "";
    SlurmNumber memPerNode = SlurmNumber.UNSET;
    SlurmNumber memPerCpu = SlurmNumber.UNSET;
    Tres tresReq = Tres.EMPTY;
    Tres tresAlloc = Tres.EMPTY;
    Optional<Instant> submit = Optional.empty();
    Optional<Instant> eligible = Optional.empty();
    Optional<Instant> start = Optional.empty();
    Optional<Instant> end = Optional.empty();
    Optional<Duration> timeLimit = Optional.empty();

    r.beginObject();
    while (r.hasNext()) {
      int key = TABLE.next(r);
      if (key < 0) {
        r.skipValue(); // job_resources, gres_detail, environment, ...: not decoded
        continue;
      }
      switch (KEYS[key]) {
        case "job_id":
          jobId = NumberReader.read(r);
          break;
        case "array_job_id":
          arrayJobId = NumberReader.read(r).orElse(0);
          break;
        case "array_task_id":
          arrayTaskId = NumberReader.read(r);
          break;
        case "array_task_string":
          arrayTasks = JsonValues.string(r);
          break;
        case "het_job_id":
          hetJobId = NumberReader.read(r).orElse(0);
          break;
        case "het_job_offset":
          hetJobOffset = NumberReader.read(r);
          break;
        case "name":
          name = JsonValues.string(r); // free text, unbounded: not canonicalised
          break;
        case "user_name":
          user = JsonValues.label(r);
          break;
        case "account":
          account = JsonValues.label(r);
          break;
        case "partition":
          partition = JsonValues.label(r);
          break;
        case "qos":
          qos = JsonValues.label(r);
          break;
        case "job_state":
          state = StateReader.tokens(r);
          break;
        case "state_flags":
          stateFlags = StateReader.tokens(r);
          break;
        case "state_reason":
          reason = JsonValues.label(r);
          break;
        case "cpus":
          cpus = NumberReader.read(r).orElse(0);
          break;
        case "node_count":
          nodeCount = NumberReader.read(r).orElse(0);
          break;
        case "nodes":
          nodes = JsonValues.string(r);
          break;
        case "memory_per_node":
          memPerNode = NumberReader.read(r);
          break;
        case "memory_per_cpu":
          memPerCpu = NumberReader.read(r);
          break;
        case "tres_req_str":
          tresReq = TresParser.read(r);
          break;
        case "tres_alloc_str":
          tresAlloc = TresParser.read(r);
          break;
        case "submit_time":
          submit = JsonValues.time(r);
          break;
        case "eligible_time":
          eligible = JsonValues.time(r);
          break;
        case "start_time":
          start = JsonValues.time(r);
          break;
        case "end_time":
          end = JsonValues.time(r);
          break;
        case "time_limit":
          timeLimit = JsonValues.minutes(r);
          break;
        default:
          r.skipValue(); // job_resources, gres_detail, environment, ...: not decoded
      }
    }
    r.endObject();
    if (!jobId.isSet()) throw PayloadError.missing("job_id", "jobs[" + index + "]");

    List<String> tokens = new ArrayList<>(state);
    tokens.addAll(stateFlags);
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
    return Job.builder(jobId.longValue())
        .arrayJobId(arrayJobId)
        .arrayTaskId(arrayJobId != 0 ? arrayTaskId.asOptional() : OptionalLong.empty())
        .arrayTasks(arrayTasks)
        .hetJobId(hetJobId)
        .hetJobOffset(hetJobId != 0 ? hetJobOffset.asOptional() : OptionalLong.empty())
        .name(name)
        .user(user)
        .account(account)
        .partition(partition)
        .qos(qos)
        .state(StateReader.of(tokens))
        .reason(reason.equals("None") ? "" : reason)
        .cpus(JsonValues.toInt(cpus))
        .nodeCount(JsonValues.toInt(nodeCount))
        .nodes(nodes)
        .memoryBytes(memory)
        .gpus(effective.gpus())
        .tresAllocated(tresAlloc)
        .tresRequested(tresReq)
        .submitTime(submit)
        .eligibleTime(eligible)
        .startTime(start)
        .endTime(end)
        .timeLimit(timeLimit)
        .build();
  }
}
