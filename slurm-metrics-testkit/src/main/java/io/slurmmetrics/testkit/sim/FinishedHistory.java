package io.slurmmetrics.testkit.sim;

import java.util.SplittableRandom;

/**
 * Finished jobs from before the simulation started, computed from their index when asked for, so a million of them
 * cost no memory. Job {@code i} has id {@code i + 1} and ends at a time that grows with {@code i}.
 */
final class FinishedHistory {
  private final long seed;
  private final long start;
  private final int count;
  private final long span;
  private final int cpuNodes;
  private final int gpuNodes;

  FinishedHistory(long seed, long start, int count, long span, int cpuNodes, int gpuNodes) {
    this.seed = seed;
    this.start = start;
    this.count = count;
    this.span = span;
    this.cpuNodes = cpuNodes;
    this.gpuNodes = gpuNodes;
  }

  int count() {
    return count;
  }

  long endOf(int i) {
    return start - span + ((i + 1L) * span) / Math.max(1, count);
  }

  /** The first index whose end is at or after {@code t} ({@code count} when none). */
  int firstEndingAtOrAfter(long t) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (endOf(mid) < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  SimJob job(int i) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    int user = r.nextInt(Simulation.USERS.length);
    boolean gpu = gpuNodes > 0 && r.nextDouble() < 0.2;
    int partition = gpu ? 1 : r.nextDouble() < 0.1 ? 2 : 0;
    int cpus = new int[] {1, 2, 4, 8, 16}[r.nextInt(5)];
    long mem = cpus * 2000L;
    int gpus = gpu ? 1 + r.nextInt(4) : 0;
    double o = r.nextDouble();
    SimJob.State outcome = o < 0.78 ? SimJob.State.COMPLETED : o < 0.88 ? SimJob.State.FAILED
        : o < 0.93 ? SimJob.State.CANCELLED : o < 0.97 ? SimJob.State.TIMEOUT : SimJob.State.OUT_OF_MEMORY;
    long run = 30 + r.nextInt(3000);
    long end = endOf(i);
    long startAt = end - run;
    long submit = startAt - r.nextInt(1200);
    SimJob j = new SimJob(i + 1L, Simulation.JOB_NAMES[r.nextInt(Simulation.JOB_NAMES.length)], user, partition, cpus,
        mem, gpus, "", submit, 120, run, outcome, 0.15 + r.nextDouble() * 0.85, 1000 + r.nextInt(9000));
    j.state = outcome;
    j.start = startAt;
    j.end = end;
    j.node = gpu ? cpuNodes + r.nextInt(gpuNodes) : r.nextInt(cpuNodes);
    j.exitCode = outcome == SimJob.State.FAILED ? 1 : outcome == SimJob.State.OUT_OF_MEMORY ? 137
        : outcome == SimJob.State.CANCELLED ? 15 : 0;
    j.reason = outcome == SimJob.State.TIMEOUT ? "TimeLimit" : outcome == SimJob.State.FAILED ? "NonZeroExitCode"
        : "None";
    return j;
  }
}
