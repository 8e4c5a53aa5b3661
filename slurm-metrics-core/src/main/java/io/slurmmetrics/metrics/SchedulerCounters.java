package io.slurmmetrics.metrics;

import io.slurmmetrics.model.SchedulerStats;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes sdiag's counters monotonic. Slurm resets them at midnight, on restart and on {@code sdiag --reset}; a value
 * lower than the previous one therefore means a reset, and the new value is what accrued since: it is added, not
 * dropped. The first value seen is taken as is (standard counter semantics: Prometheus' rate() handles the start).
 */
final class SchedulerCounters {
  private final Map<String, long[]> state = new HashMap<>(); // key -> {lastRaw, total}
  private final Map<String, double[]> doubleState = new HashMap<>(); // key -> {lastRaw, total}

  /** Feeds one sdiag reading; called once per snapshot, in order. */
  synchronized void update(SchedulerStats s) {
    feed("submitted", s.jobsSubmitted());
    feed("started", s.jobsStarted());
    feed("completed", s.jobsCompleted());
    feed("canceled", s.jobsCanceled());
    feed("failed", s.jobsFailed());
    feed("cycles", s.mainCycleCount());
    feed("backfill_cycles", s.backfillCycleCount());
    feed("backfilled_jobs", s.backfilledJobs());
    for (SchedulerStats.RpcStat r : s.rpcsByType()) {
      feed("rpc_calls\0" + r.name(), r.count());
      feed("rpc_time\0" + r.name(), r.totalTimeSeconds());
    }
    for (SchedulerStats.RpcStat r : s.rpcsByUser()) {
      feed("rpc_user_calls\0" + r.name(), r.count());
      feed("rpc_user_time\0" + r.name(), r.totalTimeSeconds());
    }
  }

  /** The monotonic total for a key; 0 when never seen. */
  synchronized double total(String key) {
    long[] l = state.get(key);
    if (l != null) return l[1];
    double[] d = doubleState.get(key);
    return d == null ? 0 : d[1];
  }

  /**
   * Totals of every key seen so far under {@code prefix} (e.g. {@code rpc_calls\0}), by the rest of the key. An RPC
   * type that sdiag stops listing after a reset keeps its total instead of vanishing.
   */
  synchronized java.util.SortedMap<String, Double> totals(String prefix) {
    java.util.SortedMap<String, Double> out = new java.util.TreeMap<>();
    state.forEach((k, v) -> {
      if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), (double) v[1]);
    });
    doubleState.forEach((k, v) -> {
      if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v[1]);
    });
    return out;
  }

  private void feed(String key, long raw) {
    long[] s = state.get(key);
    if (s == null) {
      state.put(key, new long[] {raw, raw});
      return;
    }
    long delta = raw >= s[0] ? raw - s[0] : raw; // decrease: Slurm reset, raw is what accrued since
    s[1] += delta;
    s[0] = raw;
  }

  private void feed(String key, double raw) {
    double[] s = doubleState.get(key);
    if (s == null) {
      doubleState.put(key, new double[] {raw, raw});
      return;
    }
    double delta = raw >= s[0] ? raw - s[0] : raw;
    s[1] += delta;
    s[0] = raw;
  }
}
