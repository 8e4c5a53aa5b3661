package io.slurmmetrics.testkit.sim;

import static io.slurmmetrics.testkit.sim.Templates.num;
import static io.slurmmetrics.testkit.sim.Templates.unset;
import static io.slurmmetrics.testkit.sim.Templates.with;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one queue record of {@code /slurm/vX/jobs} from the recorded running or pending job: array fields as
 * slurmrestd sends them (a task: {@code array_job_id} and {@code array_task_id}; the pending remainder:
 * {@code array_task_string} such as {@code 3-20%4} and {@code array_max_tasks}), multi-node jobs with a compressed
 * node list and one {@code job_resources} allocation per node (the recorded allocation object, repeated).
 */
final class JobWriter {
  private final String cluster;
  private final Simulation sim;
  private final Templates t;
  private final Map<String, Object> resourcesTemplate;
  private final Map<String, Object> resourceNodesTemplate;
  private final Map<String, Object> cpusTemplate;
  private final Map<String, Object> memoryTemplate;

  JobWriter(String cluster, Simulation sim, Templates templates) {
    this.cluster = cluster;
    this.sim = sim;
    this.t = templates;
    this.resourcesTemplate = Templates.obj(t.runningJob.get("job_resources"));
    this.resourceNodesTemplate = Templates.obj(resourcesTemplate.get("nodes"));
    this.cpusTemplate = Templates.obj(t.allocation.get("cpus"));
    this.memoryTemplate = Templates.obj(t.allocation.get("memory"));
  }

  /** Slurm's compressed list of the job's nodes ({@code c[0001-0003,0007]}), empty before it runs. */
  String nodeList(SimJob j) {
    if (j.nodes == null) return "";
    if (j.nodes.length == 1) return sim.nodes.get(j.nodes[0]).name;
    List<String> names = new ArrayList<>(j.nodes.length);
    for (int i : j.nodes) names.add(sim.nodes.get(i).name);
    return Hostlist.compress(names);
  }

  private static String tres(SimJob j) {
    int n = j.nodeCount;
    return "cpu=" + j.cpus + ",mem=" + j.memoryMb * n + "M,node=" + n + ",billing=" + j.cpus
        + (j.gpus > 0 ? ",gres/gpu=" + j.gpus * n : "")
        + (j.license.isEmpty() ? "" : ",license/" + j.license.replace(':', '='));
  }

  void write(JsonWriter w, SimJob j) throws IOException {
    boolean pending = j.state == SimJob.State.PENDING;
    boolean placed = j.nodes != null;
    String nodes = nodeList(j);
    String batchHost = placed ? sim.nodes.get(j.node).name : "";
    Map<String, Object> o = new HashMap<>();
    o.put("job_id", j.id);
    o.put("array_job_id", num(j.arrayJobId));
    o.put("array_task_id", j.arrayTaskId >= 0 ? num(j.arrayTaskId) : unset());
    o.put("array_task_string", j.arrayRemainder() ? taskString(j) : "");
    o.put("array_max_tasks", num(j.taskLimit));
    o.put("het_job_id", num(j.hetJobId));
    o.put("het_job_offset", num(Math.max(0, j.hetOffset)));
    o.put("het_job_id_set", j.hetJobId != 0 ? j.hetJobId + "-" + (j.hetJobId + 1) : "");
    o.put("name", j.name);
    o.put("user_name", Simulation.USERS[j.user]);
    o.put("user_id", 1001 + j.user);
    o.put("account", Simulation.ACCOUNTS[Simulation.USER_ACCOUNT[j.user]]);
    o.put("partition", sim.partitionNames[j.partition]);
    o.put("qos", Simulation.QOS[j.priority > 20_000 ? 1 : 0]);
    o.put("cluster", cluster);
    o.put("job_state", List.of(j.state.name()));
    o.put("state_reason", j.reason);
    o.put("priority", num(j.priority));
    o.put("submit_time", num(j.submit));
    o.put("eligible_time", num(j.submit));
    o.put("accrue_time", num(j.submit));
    long start = pending ? Math.max(sim.now + 60, j.dependencyUntil) : j.start;
    o.put("start_time", num(start));
    o.put("end_time", num(pending || j.state == SimJob.State.RUNNING ? start + j.limitMinutes * 60L : j.end));
    o.put("time_limit", num(j.limitMinutes));
    o.put("cpus", num(j.cpus));
    o.put("node_count", num(j.nodeCount));
    o.put("tasks", num(j.exclusive ? j.nodeCount : j.cpus));
    o.put("shared", j.exclusive ? List.of("none") : List.of());
    o.put("nodes", nodes);
    o.put("batch_host", batchHost);
    o.put("memory_per_node", num(j.memoryMb));
    o.put("memory_per_cpu", unset());
    o.put("licenses", j.license);
    o.put("tres_req_str", tres(j));
    o.put("tres_alloc_str", pending ? "" : tres(j));
    o.put("tres_per_node", j.gpus > 0 ? "gres/gpu:" + j.gpus : "");
    o.put("tres_per_job", "");
    o.put("gres_detail", j.gpus > 0 && !pending ? gresDetail(j) : List.of());
    o.put("exit_code", SimWriter.exitCode(j));
    o.put("resv_name", "");
    o.put("hold", j.held);
    o.put("job_resources", pending || !placed ? null : (Templates.Writable) w2 -> resources(w2, j, nodes));
    o.put("current_working_directory", "/home/" + Simulation.USERS[j.user]);
    o.put("command", "/home/" + Simulation.USERS[j.user] + "/" + j.name + ".sh");
    Templates.write(w, pending ? t.pendingJob : j.exclusive ? t.wholeNodeJob : j.hetJobId != 0 ? t.hetJob
        : t.runningJob, o);
  }

  /** {@code 3-20}, {@code 20} or {@code 3-20%4}, as squeue's {@code 10_[3-20%4]}. */
  static String taskString(SimJob j) {
    String range = j.taskFirst == j.taskLast ? String.valueOf(j.taskFirst) : j.taskFirst + "-" + j.taskLast;
    return j.taskLimit > 0 ? range + "%" + j.taskLimit : range;
  }

  private static List<String> gresDetail(SimJob j) {
    String one = "gpu:a100:" + j.gpus + "(IDX:0" + (j.gpus > 1 ? "-" + (j.gpus - 1) : "") + ")";
    List<String> out = new ArrayList<>(j.nodeCount);
    for (int k = 0; k < j.nodeCount; k++) out.add(one);
    return out;
  }

  private void resources(JsonWriter w, SimJob j, String nodeList) throws IOException {
    Map<String, Object> nodes = new HashMap<>();
    nodes.put("count", j.nodes.length);
    nodes.put("list", nodeList);
    nodes.put("whole", j.exclusive);
    nodes.put("allocation", (Templates.Writable) w2 -> allocations(w2, j));
    Templates.write(w, resourcesTemplate, Map.of("nodes", with(resourceNodesTemplate, nodes), "cpus", j.cpus));
  }

  /** One allocation object per node, written as they come (a 64-node job is 64 of them). */
  private void allocations(JsonWriter w, SimJob j) throws IOException {
    w.beginArray();
    int perNode = j.cpusPerNode();
    for (int k = 0; k < j.nodes.length; k++) {
      SimNode n = sim.nodes.get(j.nodes[k]);
      List<Object> cores = new ArrayList<>(n.cpus);
      for (int c = 0; c < n.cpus; c++) {
        cores.add(with(t.core, Map.of("index", c, "status", List.of(c < perNode ? "ALLOCATED" : "UNALLOCATED"))));
      }
      Map<String, Object> socket = new LinkedHashMap<>();
      socket.put("index", 0);
      socket.put("cores", cores);
      Map<String, Object> alloc = new HashMap<>();
      alloc.put("index", k);
      alloc.put("name", n.name);
      alloc.put("cpus", with(cpusTemplate, Map.of("count", perNode, "used", 0)));
      alloc.put("memory", with(memoryTemplate, Map.of("used", 0, "allocated", j.memoryMb)));
      alloc.put("sockets", List.of(socket));
      Templates.write(w, t.allocation, alloc);
    }
    w.endArray();
  }
}
