package io.slurmmetrics.testkit.sim;

import static io.slurmmetrics.testkit.sim.Templates.num;
import static io.slurmmetrics.testkit.sim.Templates.with;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code /slurmdb/.../jobs?state=RUNNING} as slurmdbd answers it (recorded: {@code jobs-running.json}): the
 * running jobs, each with its running steps, the batch script on the first node and one {@code srun} over all the
 * job's nodes, with allocations but no usage yet (slurmdbd learns usage at the step's end).
 */
final class RunningStepsWriter {
  private static final Map<String, Object> NO_USAGE = ordered("max", List.of(), "min", List.of(), "average",
      List.of(), "total", List.of());

  private final String cluster;
  private final Simulation sim;
  private final Templates t;

  RunningStepsWriter(String cluster, Simulation sim, Templates templates) {
    this.cluster = cluster;
    this.sim = sim;
    this.t = templates;
  }

  void jobs(JsonWriter w) throws IOException {
    w.name("jobs").beginArray();
    for (SimJob j : sim.queue.values()) {
      if (j.state == SimJob.State.RUNNING && j.nodes != null) job(w, j);
    }
    w.endArray();
  }

  private void job(JsonWriter w, SimJob j) throws IOException {
    List<String> names = new ArrayList<>(j.nodes.length);
    for (int i : j.nodes) names.add(sim.nodes.get(i).name);
    long elapsed = Math.max(0, sim.now - j.start);
    Map<String, Object> time = new LinkedHashMap<>(Templates.obj(t.dbJob.get("time")));
    time.put("elapsed", elapsed);
    time.put("eligible", j.submit);
    time.put("end", 0);
    time.put("start", j.start);
    time.put("submission", j.submit);
    Map<String, Object> array = new LinkedHashMap<>(Templates.obj(t.dbJob.get("array")));
    array.put("job_id", j.arrayTaskId >= 0 ? j.arrayJobId : 0);
    array.put("task_id", j.arrayTaskId >= 0 ? num(j.arrayTaskId) : Templates.unset());
    Map<String, Object> o = new HashMap<>();
    o.put("job_id", j.id);
    o.put("name", j.name);
    o.put("user", Simulation.USERS[j.user]);
    o.put("account", Simulation.ACCOUNTS[Simulation.USER_ACCOUNT[j.user]]);
    o.put("partition", sim.partitionNames[j.partition]);
    o.put("cluster", cluster);
    o.put("state", ordered("current", List.of("RUNNING"), "reason", "None"));
    o.put("time", time);
    o.put("array", array);
    if (j.hetJobId != 0) { // a component is listed as <leader>+<offset>, like squeue and the per-job families
      o.put("het", Templates.with(Templates.obj(t.dbJob.get("het")),
          ordered("job_id", j.hetJobId, "job_offset", num(j.hetOffset))));
    }
    o.put("tres", ordered("allocated", tres(j, j.nodeCount), "requested", tres(j, j.nodeCount)));
    o.put("nodes", Hostlist.compress(names));
    o.put("steps", List.of(
        step(j, "batch", "batch", names.subList(0, 1), 1, elapsed),
        step(j, "0", j.name, names, Math.max(1, j.cpus), elapsed)));
    Templates.write(w, t.dbJob, o);
  }

  private Templates.Writable step(SimJob j, String id, String name, List<String> nodes, int tasks, long elapsed) {
    Map<String, Object> time = new LinkedHashMap<>();
    time.put("elapsed", elapsed);
    time.put("end", num(0));
    time.put("start", num(j.start));
    time.put("suspended", 0);
    Map<String, Object> tres = new LinkedHashMap<>();
    tres.put("requested", NO_USAGE);
    tres.put("consumed", NO_USAGE);
    tres.put("allocated", tres(j, nodes.size()));
    Map<String, Object> o = new HashMap<>();
    o.put("time", time);
    o.put("nodes", ordered("count", nodes.size(), "range", Hostlist.compress(nodes), "list", nodes));
    o.put("tasks", ordered("count", tasks));
    o.put("state", List.of("RUNNING"));
    o.put("step", ordered("id", j.id + "." + id, "name", name));
    o.put("tres", tres);
    return with(t.dbStep, o);
  }

  /** What the job holds on {@code nodes} of its nodes: CPUs and memory (MiB, as slurmdb counts it) and GPUs. */
  private static List<Object> tres(SimJob j, int nodes) {
    int perNode = Math.max(1, j.nodeCount);
    List<Object> out = new ArrayList<>();
    out.add(ordered("type", "cpu", "name", "", "id", 1, "count", (long) j.cpus * nodes / perNode));
    out.add(ordered("type", "mem", "name", "", "id", 2, "count", j.memoryMb * nodes));
    out.add(ordered("type", "node", "name", "", "id", 4, "count", nodes));
    if (j.gpus > 0) out.add(ordered("type", "gres", "name", "gpu", "id", 1001, "count", (long) j.gpus * nodes));
    return out;
  }

  /** A map in the order given (JSON keys come out as written, run after run). */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return m;
  }
}
