package io.slurmmetrics.testkit.sim;

import java.util.SplittableRandom;

/**
 * What users submit: mostly small jobs (1-16 CPUs), GPU jobs in the GPU partitions, whole-node jobs, multi-node
 * jobs of whole nodes ({@code --exclusive -N 2..64}), job arrays (some with a {@code %n} limit), licenses, holds and
 * dependencies. Every draw comes from the simulation's seeded random, in a fixed order.
 */
final class Workload {
  /** CPUs of every simulated node (whole-node jobs ask for all of them). */
  static final int NODE_CPUS = 32;
  private static final int[] SMALL_CPUS = {1, 2, 4, 8, 16};
  private static final int[] MEM_PER_CPU = {1000, 2000, 4000};

  private final Partitions partitions;
  private final Placement placement;
  private final double arrayShare;
  private final double multiNodeShare;
  private final int maxNodesPerJob;
  private final int maxArrayTasks;
  private final double hetShare;

  Workload(Partitions partitions, Placement placement, double arrayShare, double multiNodeShare, int maxNodesPerJob,
      int maxArrayTasks, double hetShare) {
    this.partitions = partitions;
    this.placement = placement;
    this.arrayShare = arrayShare;
    this.multiNodeShare = multiNodeShare;
    this.maxNodesPerJob = maxNodesPerJob;
    this.maxArrayTasks = maxArrayTasks;
    this.hetShare = hetShare;
  }

  SimJob next(long id, long at, SplittableRandom random) {
    int user = random.nextInt(Simulation.USERS.length);
    // a heterogeneous job: a small CPU component here, a GPU one from hetComponent (as recorded: cpu + gpu)
    boolean het = placement.size(Partitions.GPU) > 0 && random.nextDouble() < hetShare;
    int partition = het ? Partitions.CPU : partitions.pick(random.nextDouble());
    if (placement.size(partition) == 0) partition = Partitions.CPU;
    boolean gpu = partitions.gpuOnly(partition) && placement.size(partition) > 0;
    int size = placement.size(partition);
    boolean bigAllowed = !het && partition != Partitions.DEBUG && partition != Partitions.INTERACTIVE && size >= 4;
    double shape = random.nextDouble();
    int nodeCount = 1;
    boolean exclusive = false;
    int cpus;
    long mem;
    int gpus;
    if (bigAllowed && shape < multiNodeShare) {
      // mostly a few nodes, now and then many: the cube of a uniform draw
      int most = Math.max(2, Math.min(maxNodesPerJob, size / 2));
      double u = random.nextDouble();
      nodeCount = 2 + (int) (u * u * u * (most - 1));
      exclusive = true;
      cpus = nodeCount * NODE_CPUS;
      mem = random.nextBoolean() ? 64_000 : 120_000;
      gpus = gpu ? 4 : 0;
    } else if (bigAllowed && shape < multiNodeShare + 0.05) {
      exclusive = true;
      cpus = NODE_CPUS;
      mem = 120_000;
      gpus = gpu ? 4 : 0;
    } else {
      cpus = SMALL_CPUS[random.nextInt(SMALL_CPUS.length)];
      mem = cpus * (long) MEM_PER_CPU[random.nextInt(MEM_PER_CPU.length)];
      gpus = gpu ? 1 + random.nextInt(4) : 0;
    }
    String license = !het && random.nextDouble() < 0.08
        ? Simulation.LICENSES[random.nextInt(Simulation.LICENSES.length)] + ":1" : "";
    int[] limits = partitions.limits(partition);
    int limit = limits[random.nextInt(limits.length)];
    SimJob.State outcome = outcome(random);
    boolean shortOnly = limit <= 30;
    long planned = 30 + random.nextInt(shortOnly ? 300 : 1500);
    if (outcome == SimJob.State.TIMEOUT) planned = Math.min(limit * 60L, 600);
    double efficiency = 0.15 + random.nextDouble() * 0.85;
    int priority = 1000 + random.nextInt(9000) + (random.nextDouble() < 0.1 ? 20_000 : 0);
    SimJob j = new SimJob(id, Simulation.JOB_NAMES[random.nextInt(Simulation.JOB_NAMES.length)], user, partition,
        cpus, mem, gpus, license, at, limit, planned, outcome, efficiency, priority);
    j.nodeCount = nodeCount;
    j.exclusive = exclusive;
    if (het) {
      j.hetJobId = id;
      j.hetOffset = 0;
    } else if (!exclusive && license.isEmpty() && random.nextDouble() < arrayShare) {
      j.arrayJobId = id;
      j.taskFirst = 1; // --array=1-N, as the recorded arrays
      j.taskLast = 2 + random.nextInt(Math.max(1, maxArrayTasks - 1));
      j.taskLimit = random.nextDouble() < 0.4 ? 2 + random.nextInt(9) : 0;
    }
    if (random.nextDouble() < 0.03) j.held = true;
    if (random.nextDouble() < 0.05) j.dependencyUntil = at + 120 + random.nextInt(600);
    return j;
  }

  /** The GPU component (offset 1) of the heterogeneous job led by {@code leader}: same user, times and fate. */
  SimJob hetComponent(SimJob leader, long id, SplittableRandom random) {
    int gpus = 1 + random.nextInt(2);
    SimJob c = new SimJob(id, leader.name, leader.user, Partitions.GPU, 2 * gpus, 8000L * gpus, gpus, "",
        leader.submit, leader.limitMinutes, leader.plannedSeconds, leader.plannedOutcome, leader.cpuEfficiency,
        leader.priority);
    c.hetJobId = leader.hetJobId;
    c.hetOffset = 1;
    c.held = leader.held;
    c.dependencyUntil = leader.dependencyUntil;
    return c;
  }

  /** Arrivals in one tick: a Poisson draw with mean {@code lambda} (capped at 50). */
  static int poisson(double lambda, SplittableRandom random) {
    double l = Math.exp(-Math.min(lambda, 50));
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  static SimJob.State outcome(SplittableRandom random) {
    double o = random.nextDouble();
    return o < 0.78 ? SimJob.State.COMPLETED : o < 0.88 ? SimJob.State.FAILED
        : o < 0.93 ? SimJob.State.CANCELLED : o < 0.97 ? SimJob.State.TIMEOUT : SimJob.State.OUT_OF_MEMORY;
  }
}
