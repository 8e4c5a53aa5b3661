package io.slurmmetrics.testkit.sim;

import static io.slurmmetrics.testkit.sim.Templates.num;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the simulation's scheduler counters as slurmctld's {@code diag} statistics, RPC tables included. Apart from
 * {@link SimWriter} because it is the one answer made of counters rather than of nodes and jobs.
 */
final class DiagWriter {
  private final Simulation sim;
  private final long started;
  private final Templates t;

  DiagWriter(Simulation sim, long started, Templates templates) {
    this.sim = sim;
    this.started = started;
    this.t = templates;
  }

  /** The {@code statistics} object of {@code /slurm/v0.0.42/diag}. */
  void write(JsonWriter w) throws IOException {
    SimCounters c = sim.counters;
    int pending = 0;
    int running = 0;
    for (SimJob j : sim.queue.values()) {
      if (j.state == SimJob.State.PENDING) pending++;
      if (j.state == SimJob.State.RUNNING) running++;
    }
    long cycles = Math.max(1, c.scheduleCycles);
    long bfCycles = Math.max(1, c.backfillCycles);
    long minutes = Math.max(1, (sim.now - started) / 60);
    Map<String, Object> o = new HashMap<>();
    o.put("req_time", num(sim.now));
    o.put("req_time_start", num(started));
    o.put("server_thread_count", 1 + (int) (sim.now / 5 % 3));
    o.put("agent_queue_size", (int) (sim.now / 10 % 4));
    o.put("agent_count", 0);
    o.put("dbd_agent_queue_size", (int) (sim.now / 15 % 3));
    o.put("schedule_cycle_max", c.scheduleCycleMaxMicros);
    o.put("schedule_cycle_last", c.scheduleCycleLastMicros);
    o.put("schedule_cycle_sum", c.scheduleCycleSumMicros);
    o.put("schedule_cycle_total", c.scheduleCycles);
    o.put("schedule_cycle_mean", c.scheduleCycleSumMicros / cycles);
    o.put("schedule_cycle_mean_depth", c.lastDepth);
    o.put("schedule_cycle_per_minute", c.scheduleCycles / minutes);
    o.put("schedule_cycle_depth", c.lastDepth);
    o.put("schedule_queue_length", pending);
    o.put("jobs_submitted", c.submitted);
    o.put("jobs_started", c.started);
    o.put("jobs_completed", c.completed);
    o.put("jobs_canceled", c.canceled);
    o.put("jobs_failed", c.failed);
    o.put("jobs_pending", pending);
    o.put("jobs_running", running);
    o.put("job_states_ts", num(sim.now));
    o.put("bf_backfilled_jobs", c.backfilledJobs);
    o.put("bf_last_backfilled_jobs", c.backfilledJobs);
    o.put("bf_cycle_counter", c.backfillCycles);
    o.put("bf_cycle_mean", c.backfillCycleSumMicros / bfCycles);
    o.put("bf_cycle_sum", c.backfillCycleSumMicros);
    o.put("bf_cycle_last", c.backfillCycleLastMicros);
    o.put("bf_cycle_max", c.backfillCycleMaxMicros);
    o.put("bf_last_depth", c.lastDepth);
    o.put("bf_last_depth_try", c.lastDepth);
    o.put("bf_depth_mean", c.lastDepth);
    o.put("bf_depth_mean_try", c.lastDepth);
    o.put("bf_queue_len", pending);
    o.put("bf_queue_len_mean", pending);
    o.put("bf_when_last_cycle", num(c.lastBackfillAt));
    o.put("rpcs_by_message_type", (Templates.Writable) w2 -> rpcs(w2, c.rpcByType, true));
    o.put("rpcs_by_user", (Templates.Writable) w2 -> rpcs(w2, c.rpcByUser, false));
    w.name("statistics");
    Templates.write(w, t.diag, o);
  }

  private void rpcs(JsonWriter w, Map<String, long[]> counts, boolean byType) throws IOException {
    w.beginArray();
    int id = 1000;
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] v = e.getValue();
      Map<String, Object> o = new HashMap<>();
      if (byType) {
        o.put("type_id", id++);
        o.put("message_type", e.getKey());
        o.put("count", v[0]);
      } else {
        int user = indexOf(Simulation.USERS, e.getKey());
        o.put("user_id", user < 0 ? 64030 : 1001 + user);
        o.put("user", e.getKey());
        o.put("count", v[0]);
      }
      o.put("total_time", v[1]);
      o.put("average_time", num(v[0] == 0 ? 0 : v[1] / v[0]));
      Templates.write(w, byType ? t.rpcByType : t.rpcByUser, o);
    }
    w.endArray();
  }

  private static int indexOf(String[] a, String s) {
    for (int i = 0; i < a.length; i++) if (a[i].equals(s)) return i;
    return -1;
  }
}
