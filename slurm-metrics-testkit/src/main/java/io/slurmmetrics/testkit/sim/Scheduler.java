package io.slurmmetrics.testkit.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * slurmctld's scheduling passes over the simulation's queue: which pending job starts, which waits and why. Job
 * arrays start task by task; the components of a heterogeneous job start together or not at all.
 */
final class Scheduler {
  private final Simulation sim;

  Scheduler(Simulation sim) {
    this.sim = sim;
  }

  /**
   * One scheduling pass over the pending jobs by priority, looking at up to {@code depth} of them. The main
   * scheduler ({@code main}) stops a partition at its first job that does not fit; backfill goes on and starts
   * whatever fits now. Either way the first job that does not fit in a partition waits for Resources, the ones after
   * it for Priority. Returns the jobs looked at.
   */
  int pass(int depth, boolean main) {
    List<SimJob> pending = new ArrayList<>();
    for (SimJob j : sim.queue.values()) {
      // a heterogeneous job's other components are scheduled with its leader
      if (j.state == SimJob.State.PENDING && j.hetOffset <= 0) pending.add(j);
    }
    pending.sort(Comparator.comparingInt((SimJob j) -> -j.priority).thenComparingLong(j -> j.id));
    boolean[] blocked = new boolean[sim.partitionNames.length];
    int[] runningPerUser = new int[Simulation.USERS.length];
    for (SimJob j : sim.queue.values()) if (j.state == SimJob.State.RUNNING) runningPerUser[j.user]++;
    int userLimit = Math.max(4, sim.queueTarget / 3);
    int looked = 0;
    for (SimJob j : pending) {
      if (looked++ >= depth) break;
      visit(j, main, blocked, runningPerUser, userLimit);
      if (j.hetPartner != null) j.hetPartner.reason = j.reason;
    }
    return Math.min(looked, depth);
  }

  private void visit(SimJob j, boolean main, boolean[] blocked, int[] runningPerUser, int userLimit) {
    if (j.held) {
      j.reason = "JobHeldUser";
      if (sim.random.nextDouble() < 0.01) j.held = false;
      return;
    }
    if (j.dependencyUntil > sim.now) {
      j.reason = "Dependency";
      return;
    }
    if (runningPerUser[j.user] >= userLimit) {
      j.reason = "QOSMaxJobsPerUserLimit";
      return;
    }
    if (!j.license.isEmpty()) {
      int l = Simulation.licenseIndex(j.license);
      if (sim.licenseUsed[l] >= Simulation.LICENSE_TOTAL[l]) {
        j.reason = "Licenses";
        return;
      }
    }
    if (main && blocked[j.partition]) {
      j.reason = "Priority";
      return;
    }
    int started = j.arrayRemainder() ? startTasks(j, userLimit - runningPerUser[j.user]) : start(j);
    runningPerUser[j.user] += started;
    if (j.state == SimJob.State.RUNNING) return;
    if (j.arrayRemainder() && j.taskLimit > 0 && j.tasksRunning >= j.taskLimit) {
      j.reason = "JobArrayTaskLimit";
    } else {
      j.reason = blocked[j.partition] ? "Priority" : "Resources";
      blocked[j.partition] = true;
    }
  }

  /** Starts {@code j} (and its heterogeneous partner) if everything fits; returns the records started. */
  private int start(SimJob j) {
    int[] alloc = sim.placement.find(j, sim.random);
    if (alloc == null) return 0;
    if (j.hetPartner == null) {
      sim.startJob(j, alloc);
      return 1;
    }
    // components never share partitions here, so the partner's search cannot pick the leader's cores
    int[] partner = sim.placement.find(j.hetPartner, sim.random);
    if (partner == null) return 0;
    sim.startJob(j, alloc);
    sim.startJob(j.hetPartner, partner);
    return 2;
  }

  /**
   * Starts tasks of an array's pending remainder while they fit, within its {@code %n} limit and the user's; each
   * task is a queue record of its own with a new id, except the last, which keeps the array's id (as Slurm does).
   */
  private int startTasks(SimJob array, int userRoom) {
    int started = 0;
    while (array.taskFirst <= array.taskLast && started < userRoom
        && (array.taskLimit == 0 || array.tasksRunning < array.taskLimit)) {
      int[] alloc = sim.placement.find(array, sim.random);
      if (alloc == null) break;
      if (array.taskFirst == array.taskLast) {
        array.arrayTaskId = array.taskFirst++;
        sim.startJob(array, alloc);
        return started + 1;
      }
      long planned = Math.max(30, array.plannedSeconds / 2 + sim.random.nextLong(array.plannedSeconds + 1));
      SimJob.State outcome = Workload.outcome(sim.random);
      if (outcome == SimJob.State.TIMEOUT) planned = Math.min(array.limitMinutes * 60L, 600);
      SimJob task = array.task(sim.nextJobId++, array.taskFirst++, planned, outcome,
          0.15 + sim.random.nextDouble() * 0.85);
      sim.queue.put(task.id, task);
      sim.startJob(task, alloc);
      array.tasksRunning++;
      started++;
    }
    return started;
  }
}
