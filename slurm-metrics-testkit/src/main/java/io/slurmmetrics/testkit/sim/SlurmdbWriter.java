package io.slurmmetrics.testkit.sim;

import static io.slurmmetrics.testkit.sim.Templates.num;
import static io.slurmmetrics.testkit.sim.Templates.unset;
import static io.slurmmetrics.testkit.sim.Templates.with;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes finished jobs as slurmdbd's {@code /slurmdb/.../jobs} answer, one recorded job and step per object. */
final class SlurmdbWriter {
  private final String cluster;
  private final Simulation sim;
  private final FinishedHistory history;
  private final Templates t;
  private final JobWriter jobs;

  SlurmdbWriter(String cluster, Simulation sim, FinishedHistory history, Templates templates) {
    this.cluster = cluster;
    this.sim = sim;
    this.history = history;
    this.t = templates;
    this.jobs = new JobWriter(cluster, sim, templates);
  }

  /** The {@code jobs} array of jobs that ended in {@code [from, to]}: generated history first, then live ones. */
  void jobs(JsonWriter w, long from, long to) throws IOException {
    w.name("jobs").beginArray();
    for (int i = history.firstEndingAtOrAfter(from); i < history.count() && history.endOf(i) <= to; i++) {
      dbJob(w, history.job(i));
    }
    Iterator<SimJob> it = sim.finished.iterator();
    while (it.hasNext()) {
      SimJob j = it.next();
      if (j.end >= from && j.end <= to) dbJob(w, j);
    }
    w.endArray();
  }

  private void dbJob(JsonWriter w, SimJob j) throws IOException {
    String user = Simulation.USERS[j.user];
    String account = Simulation.ACCOUNTS[Simulation.USER_ACCOUNT[j.user]];
    String node = j.node >= 0 && j.node < sim.nodes.size() ? sim.nodes.get(j.node).name : "";
    String nodeList = j.nodes != null && j.nodes.length > 1 ? jobs.nodeList(j) : node;
    long elapsed = Math.max(0, j.end - j.start);
    long cpuSeconds = (long) (elapsed * j.cpus * j.cpuEfficiency);
    Map<String, Object> time = new LinkedHashMap<>();
    time.put("elapsed", elapsed);
    time.put("eligible", j.submit);
    time.put("end", j.end);
    time.put("planned", num(Math.max(0, j.start - j.submit)));
    time.put("start", j.start);
    time.put("submission", j.submit);
    time.put("suspended", 0);
    time.put("system", seconds(cpuSeconds / 20));
    time.put("limit", num(j.limitMinutes));
    time.put("total", seconds(cpuSeconds));
    time.put("user", seconds(cpuSeconds - cpuSeconds / 20));
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("current", List.of(j.state.name()));
    state.put("reason", j.reason);
    Map<String, Object> association = new LinkedHashMap<>();
    association.put("account", account);
    association.put("cluster", cluster);
    association.put("partition", "");
    association.put("user", user);
    association.put("id", 2 + j.user);
    Map<String, Object> required = new LinkedHashMap<>();
    required.put("CPUs", j.cpus);
    required.put("memory_per_cpu", unset());
    required.put("memory_per_node", num(j.memoryMb));
    Map<String, Object> tres = new LinkedHashMap<>();
    tres.put("allocated", tresList(j, true));
    tres.put("requested", tresList(j, false));
    Map<String, Object> o = new HashMap<>();
    o.put("job_id", j.id);
    o.put("name", j.name);
    o.put("user", user);
    o.put("group", user);
    o.put("account", account);
    o.put("partition", sim.partitionNames[j.partition]);
    o.put("qos", Simulation.QOS[j.priority > 20_000 ? 1 : 0]);
    o.put("cluster", cluster);
    o.put("association", association);
    o.put("state", state);
    o.put("exit_code", SimWriter.exitCode(j));
    o.put("time", time);
    o.put("required", required);
    o.put("tres", tres);
    o.put("nodes", nodeList);
    o.put("allocation_nodes", j.nodes != null ? j.nodes.length : 1);
    if (j.arrayJobId != 0) o.put("array", array(j));
    if (j.hetJobId != 0) {
      Map<String, Object> het = Map.of("job_id", j.hetJobId, "job_offset", num(j.hetOffset));
      o.put("het", with(Templates.obj(t.dbJob.get("het")), het));
    }
    o.put("priority", num(j.priority));
    o.put("submit_line", "sbatch -p " + sim.partitionNames[j.partition] + " -c " + j.cpus + " " + j.name + ".sh");
    o.put("working_directory", "/home/" + user);
    o.put("used_gres", j.gpus > 0 ? "gpu:" + j.gpus : "");
    o.put("steps", List.of(step(j, node, elapsed, cpuSeconds)));
    Templates.write(w, t.dbJob, o);
  }

  /** The recorded {@code array} object with this task's ids ({@code task} is empty for a task, as recorded). */
  private Map<String, Object> array(SimJob j) {
    Map<String, Object> a = new LinkedHashMap<>(Templates.obj(t.dbJob.get("array")));
    a.put("job_id", j.arrayJobId);
    a.put("limits", Map.of("max", Map.of("running", Map.of("tasks", j.taskLimit))));
    a.put("task_id", j.arrayTaskId >= 0 ? num(j.arrayTaskId) : unset());
    return a;
  }

  private Templates.Writable step(SimJob j, String node, long elapsed, long cpuSeconds) {
    Map<String, Object> time = new LinkedHashMap<>();
    time.put("elapsed", elapsed);
    time.put("end", num(j.end));
    time.put("start", num(j.start));
    time.put("suspended", 0);
    time.put("system", seconds(cpuSeconds / 20));
    time.put("total", seconds(cpuSeconds));
    time.put("user", seconds(cpuSeconds - cpuSeconds / 20));
    Map<String, Object> nodes = new LinkedHashMap<>();
    nodes.put("count", 1);
    nodes.put("range", node);
    nodes.put("list", List.of(node));
    long rssBytes = (long) (j.memoryMb * 1_048_576L * (0.2 + 0.7 * j.cpuEfficiency));
    Map<String, Object> requested = new LinkedHashMap<>();
    for (String kind : List.of("max", "min", "average", "total")) {
      boolean located = kind.equals("max") || kind.equals("min");
      requested.put(kind, List.of(stepTres("cpu", 1, cpuSeconds * 1000, located, node),
          stepTres("mem", 2, rssBytes, located, node)));
    }
    Map<String, Object> tres = new LinkedHashMap<>(Templates.obj(t.dbStep.get("tres")));
    tres.put("requested", requested);
    Map<String, Object> o = new HashMap<>();
    o.put("time", time);
    o.put("exit_code", SimWriter.exitCode(j));
    o.put("nodes", nodes);
    o.put("state", List.of(j.state == SimJob.State.TIMEOUT ? "CANCELLED" : j.state.name()));
    o.put("step", Map.of("id", j.id + ".batch", "name", "batch"));
    o.put("tres", tres);
    return with(t.dbStep, o);
  }

  private static Map<String, Object> stepTres(String type, int id, long count, boolean located, String node) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("name", "");
    m.put("id", id);
    m.put("count", count);
    if (located) {
      m.put("task", 0);
      m.put("node", node);
    }
    return m;
  }

  private static List<Object> tresList(SimJob j, boolean allocated) {
    List<Object> out = new ArrayList<>();
    out.add(tresEntry("cpu", "", 1, j.cpus));
    out.add(tresEntry("mem", "", 2, j.memoryMb));
    if (allocated) out.add(tresEntry("energy", "", 3, -2));
    out.add(tresEntry("node", "", 4, 1));
    out.add(tresEntry("billing", "", 5, j.cpus));
    if (j.gpus > 0) out.add(tresEntry("gres", "gpu", 1001, j.gpus));
    return out;
  }

  private static Map<String, Object> tresEntry(String type, String name, int id, long count) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("name", name);
    m.put("id", id);
    m.put("count", count);
    return m;
  }

  private static Map<String, Object> seconds(long s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seconds", s);
    m.put("microseconds", 0);
    return m;
  }
}
