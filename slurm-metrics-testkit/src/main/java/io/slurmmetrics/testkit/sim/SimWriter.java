package io.slurmmetrics.testkit.sim;

import static io.slurmmetrics.testkit.sim.Templates.num;
import static io.slurmmetrics.testkit.sim.Templates.unset;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the simulation's state as slurmrestd documents, one recorded template per object (jobs: JobWriter). */
final class SimWriter {
  private static final Map<String, String> RPC_TYPES = Map.of("ping", "REQUEST_PING", "diag", "REQUEST_STATS_INFO",
      "nodes", "REQUEST_NODE_INFO", "partitions", "REQUEST_PARTITION_INFO", "jobs", "REQUEST_JOB_INFO",
      "reservations", "REQUEST_RESERVATION_INFO", "licenses", "REQUEST_LICENSE_INFO", "shares", "REQUEST_SHARE_INFO");

  private final String cluster;
  private final Simulation sim;
  private final FinishedHistory history;
  private final long started;
  private final Templates t;
  private final SlurmdbWriter db;
  private final DiagWriter diag;
  private final JobWriter jobs;
  private final RunningStepsWriter steps;

  SimWriter(String cluster, Simulation sim, FinishedHistory history, long started) {
    this(cluster, sim, history, started, Templates.get());
  }

  SimWriter(String cluster, Simulation sim, FinishedHistory history, long started, Templates templates) {
    this.t = templates;
    this.cluster = cluster;
    this.sim = sim;
    this.history = history;
    this.started = started;
    this.db = new SlurmdbWriter(cluster, sim, history, templates);
    this.diag = new DiagWriter(sim, started, templates);
    this.jobs = new JobWriter(cluster, sim, templates);
    this.steps = new RunningStepsWriter(cluster, sim, templates);
  }

  boolean slurm(String endpoint, JsonWriter w) throws IOException {
    String rpc = RPC_TYPES.get(endpoint);
    if (rpc == null) return false;
    // slurmrestd's own reads count in sdiag like any client's (a deterministic cost, not the simulation's dice)
    sim.rpc(rpc, "slurm", 50 + endpoint.length() * 20L);
    w.beginObject();
    switch (endpoint) {
      case "ping" -> ping(w);
      case "diag" -> diag.write(w);
      case "nodes" -> nodes(w);
      case "partitions" -> partitions(w);
      case "jobs" -> jobs(w);
      case "reservations" -> reservations(w);
      case "licenses" -> licenses(w);
      default -> shares(w);
    }
    w.name("meta");
    Templates.value(w, meta(t.meta));
    w.name("errors").beginArray().endArray();
    w.name("warnings").beginArray().endArray();
    w.endObject();
    return true;
  }

  boolean slurmdb(String endpoint, Map<String, String> query, JsonWriter w) throws IOException {
    if (!endpoint.equals("jobs") && !endpoint.equals("ping") && !endpoint.equals("diag")) return false;
    w.beginObject();
    if (endpoint.equals("jobs") && "RUNNING".equalsIgnoreCase(query.get("state"))) {
      steps.jobs(w); // the running jobs with their steps, as sacct -s R
    } else if (endpoint.equals("jobs")) {
      db.jobs(w, time(query.get("start_time"), Long.MIN_VALUE), time(query.get("end_time"), Long.MAX_VALUE));
    } else if (endpoint.equals("ping")) {
      // slurmdbd's ping answer is not among the recorded fixtures: the same shape as slurmctld's, as 24.11 sends it
      w.name("pings").beginArray();
      Templates.write(w, t.ping, Map.of("hostname", "slurmdbd", "latency", 300, "primary", true));
      w.endArray();
    } else {
      w.name("statistics");
      Templates.write(w, t.dbDiag, Map.of("time_start", started));
    }
    w.name("meta");
    Templates.value(w, meta(t.dbMeta));
    w.name("errors").beginArray().endArray();
    w.name("warnings").beginArray().endArray();
    w.endObject();
    return true;
  }

  private static long time(String param, long otherwise) {
    if (param == null || param.isEmpty()) return otherwise;
    try {
      return Long.parseLong(param);
    } catch (NumberFormatException e) {
      return otherwise; // "now-1hour" and ISO forms: the simulator answers for all time
    }
  }

  private Map<String, Object> meta(Map<String, Object> template) {
    Map<String, Object> m = new LinkedHashMap<>(template);
    Map<String, Object> slurm = new LinkedHashMap<>(Templates.obj(template.get("slurm")));
    slurm.put("cluster", cluster);
    m.put("slurm", slurm);
    return m;
  }

  private void ping(JsonWriter w) throws IOException {
    w.name("pings").beginArray();
    Templates.write(w, t.ping, Map.of("hostname", "slurmctl", "latency", 400 + sim.now % 300));
    w.endArray();
  }

  private List<String> nodeState(SimNode n) {
    List<String> s = new ArrayList<>();
    if (n.down) {
      s.add("DOWN");
      s.add("NOT_RESPONDING");
      return s;
    }
    s.add(n.allocCpus == 0 ? "IDLE" : n.allocCpus >= n.cpus ? "ALLOCATED" : "MIXED");
    if (n.drain) s.add("DRAIN");
    if (n.reservation >= 0) s.add(sim.reservations[n.reservation].flags().contains("MAINT") ? "MAINTENANCE" : "RESERVED");
    return s;
  }

  private List<String> partitionsOf(SimNode n) {
    List<String> p = new ArrayList<>();
    for (int i = 0; i < sim.partitionNames.length; i++) if ((n.partitions & (1 << i)) != 0) p.add(sim.partitionNames[i]);
    return p;
  }

  private void nodes(JsonWriter w) throws IOException {
    w.name("nodes").beginArray();
    int index = 0;
    for (SimNode n : sim.nodes) {
      Map<String, Object> o = new HashMap<>();
      o.put("name", n.name);
      o.put("hostname", n.name);
      o.put("address", "10.1." + (index / 250) + "." + (index % 250 + 1));
      o.put("state", nodeState(n));
      o.put("cpus", n.cpus);
      o.put("cores", n.cpus);
      o.put("sockets", 1);
      o.put("effective_cpus", n.cpus);
      o.put("real_memory", n.memoryMb);
      o.put("alloc_memory", n.allocMemoryMb);
      o.put("alloc_cpus", n.allocCpus);
      o.put("alloc_idle_cpus", n.cpus - n.allocCpus);
      o.put("free_mem", num(Math.max(0, n.memoryMb - n.allocMemoryMb * 7 / 10 - 2000)));
      o.put("cpu_load", n.down ? 0 : (long) (n.allocCpus * 80 + (sim.now / 7 + index * 13) % 40));
      boolean gpu = n.gpus > 0;
      o.put("gres", gpu ? "gpu:a100:" + n.gpus : "");
      o.put("gres_used", gpu ? "gpu:a100:" + n.allocGpus + (n.allocGpus > 0 ? "(IDX:0" + (n.allocGpus > 1
          ? "-" + (n.allocGpus - 1) : "") + ")" : "(IDX:N/A)") : "");
      o.put("partitions", partitionsOf(n));
      o.put("features", List.of(gpu ? "gpu" : "cpu"));
      o.put("active_features", List.of(gpu ? "gpu" : "cpu"));
      o.put("reason", n.reason);
      o.put("reason_set_by_user", n.reason.isEmpty() ? "" : n.down ? "slurm" : "root");
      o.put("reason_changed_at", num(n.reason.isEmpty() ? 0 : n.reasonSince));
      o.put("reservation", n.reservation >= 0 ? sim.reservations[n.reservation].name() : "");
      o.put("tres", "cpu=" + n.cpus + ",mem=" + n.memoryMb + "M,billing=" + n.cpus + (gpu ? ",gres/gpu=" + n.gpus : ""));
      o.put("tres_used", n.allocCpus == 0 ? "" : "cpu=" + n.allocCpus + ",mem=" + n.allocMemoryMb + "M"
          + (n.allocGpus > 0 ? ",gres/gpu=" + n.allocGpus : ""));
      o.put("boot_time", num(n.bootTime));
      o.put("slurmd_start_time", num(n.bootTime));
      o.put("last_busy", num(n.allocCpus > 0 ? sim.now : n.reasonSince));
      o.put("cluster_name", "");
      Templates.write(w, t.node, o);
      index++;
    }
    w.endArray();
    w.name("last_update");
    Templates.value(w, num(sim.now));
  }

  private void partitions(JsonWriter w) throws IOException {
    w.name("partitions").beginArray();
    for (int p = 0; p < sim.partitionNames.length; p++) {
      List<String> names = new ArrayList<>();
      long cpus = 0;
      long mem = 0;
      long gpus = 0;
      for (SimNode n : sim.nodes) {
        if ((n.partitions & (1 << p)) == 0) continue;
        names.add(n.name);
        cpus += n.cpus;
        mem += n.memoryMb;
        gpus += n.gpus;
      }
      Map<String, Object> nodes = new LinkedHashMap<>();
      nodes.put("allowed_allocation", "");
      nodes.put("configured", Hostlist.compress(names));
      nodes.put("total", names.size());
      Map<String, Object> cpu = new LinkedHashMap<>();
      cpu.put("task_binding", 0);
      cpu.put("total", cpus);
      Map<String, Object> tres = new LinkedHashMap<>();
      tres.put("billing_weights", "");
      tres.put("configured", "cpu=" + cpus + ",mem=" + mem + "M,node=" + names.size() + ",billing=" + cpus
          + (gpus > 0 ? ",gres/gpu=" + gpus : "") + ",license/matlab=" + Simulation.LICENSE_TOTAL[0]);
      Map<String, Object> o = new HashMap<>();
      o.put("name", sim.partitionNames[p]);
      o.put("nodes", nodes);
      o.put("cpus", cpu);
      o.put("tres", tres);
      o.put("partition", Map.of("state", List.of("UP")));
      Templates.write(w, t.partition, o);
    }
    w.endArray();
    w.name("last_update");
    Templates.value(w, num(started));
  }

  private void jobs(JsonWriter w) throws IOException {
    w.name("jobs").beginArray();
    for (SimJob j : sim.queue.values()) jobs.write(w, j);
    w.endArray();
    w.name("last_backfill");
    Templates.value(w, num(sim.counters.lastBackfillAt));
    w.name("last_update");
    Templates.value(w, num(sim.now));
  }

  /** The {@code exit_code} object of a job, shared by slurmctld and slurmdb answers. */
  static Map<String, Object> exitCode(SimJob j) {
    Map<String, Object> e = new LinkedHashMap<>();
    boolean signaled = j.state == SimJob.State.CANCELLED || j.state == SimJob.State.OUT_OF_MEMORY;
    e.put("status", List.of(j.state == SimJob.State.PENDING ? "PENDING" : signaled ? "SIGNALED"
        : j.exitCode != 0 ? "ERROR" : "SUCCESS"));
    e.put("return_code", num(signaled ? 0 : j.exitCode));
    Map<String, Object> sig = new LinkedHashMap<>();
    sig.put("id", signaled ? num(j.state == SimJob.State.CANCELLED ? 15 : 9) : unset());
    sig.put("name", signaled ? (j.state == SimJob.State.CANCELLED ? "TERM" : "KILL") : "");
    e.put("signal", sig);
    return e;
  }

  private void reservations(JsonWriter w) throws IOException {
    w.name("reservations").beginArray();
    for (Simulation.Reservation r : sim.reservations) {
      List<String> names = new ArrayList<>();
      int cores = 0;
      for (int i = r.firstNode(); i < r.firstNode() + r.nodeCount() && i < sim.nodes.size(); i++) {
        names.add(sim.nodes.get(i).name);
        cores += sim.nodes.get(i).cpus;
      }
      Map<String, Object> o = new HashMap<>();
      o.put("name", r.name());
      o.put("core_count", cores);
      o.put("node_count", names.size());
      o.put("node_list", Hostlist.compress(names));
      o.put("start_time", num(r.start()));
      o.put("end_time", num(r.end()));
      o.put("flags", r.flags());
      o.put("users", r.users());
      o.put("tres", "cpu=" + cores);
      Templates.write(w, t.reservation, o);
    }
    w.endArray();
    w.name("last_update");
    Templates.value(w, num(started));
  }

  private void licenses(JsonWriter w) throws IOException {
    w.name("licenses").beginArray();
    for (int i = 0; i < Simulation.LICENSES.length; i++) {
      Map<String, Object> o = new HashMap<>();
      o.put("LicenseName", Simulation.LICENSES[i]);
      o.put("Total", Simulation.LICENSE_TOTAL[i]);
      o.put("Used", sim.licenseUsed[i]);
      o.put("Free", Simulation.LICENSE_TOTAL[i] - sim.licenseUsed[i]);
      Templates.write(w, t.license, o);
    }
    w.endArray();
    w.name("last_update");
    Templates.value(w, num(sim.now));
  }

  private void shares(JsonWriter w) throws IOException {
    double[] usage = sim.usage.clone();
    for (SimJob j : sim.queue.values()) {
      if (j.state == SimJob.State.RUNNING) usage[j.user] += (sim.now - j.start) * (double) j.cpus;
    }
    double total = 1;
    for (double u : usage) total += u;
    w.name("shares").beginObject().name("shares").beginArray();
    int id = 1;
    share(w, id++, "root", "", "ASSOCIATION", 1.0, 1.0, total);
    for (int a = 0; a < Simulation.ACCOUNTS.length; a++) {
      double accountUsage = 0;
      int members = 0;
      for (int u = 0; u < usage.length; u++) {
        if (Simulation.USER_ACCOUNT[u] == a) {
          accountUsage += usage[u];
          members++;
        }
      }
      double accountShare = 1.0 / Simulation.ACCOUNTS.length;
      share(w, id++, Simulation.ACCOUNTS[a], "root", "ASSOCIATION", accountShare, accountUsage / total, accountUsage);
      for (int u = 0; u < usage.length; u++) {
        if (Simulation.USER_ACCOUNT[u] != a) continue;
        share(w, id++, Simulation.USERS[u], Simulation.ACCOUNTS[a], "USER", accountShare / members,
            usage[u] / total, usage[u]);
      }
    }
    w.endArray().name("total_shares").value(Simulation.ACCOUNTS.length).endObject();
  }

  private void share(JsonWriter w, int id, String name, String parent, String type, double sharesNorm,
      double usageNorm, double rawUsage) throws IOException {
    Map<String, Object> fairshare = new LinkedHashMap<>();
    fairshare.put("factor", num(Math.pow(2, -usageNorm / Math.max(sharesNorm, 1e-9))));
    fairshare.put("level", num(usageNorm <= 0 ? 1.0 : Math.min(1e6, sharesNorm / usageNorm)));
    Map<String, Object> o = new HashMap<>();
    o.put("id", id);
    o.put("cluster", cluster);
    o.put("name", name);
    o.put("parent", parent);
    o.put("shares_normalized", num(sharesNorm));
    o.put("shares", num(1));
    o.put("usage", (long) rawUsage);
    o.put("usage_normalized", num(usageNorm));
    o.put("effective_usage", num(usageNorm));
    o.put("fairshare", fairshare);
    o.put("type", List.of(type));
    Templates.write(w, type.equals("USER") ? t.shareUser : t.shareAssociation, o);
  }
}
