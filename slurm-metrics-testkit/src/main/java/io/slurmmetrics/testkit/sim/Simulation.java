package io.slurmmetrics.testkit.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The cluster's state and its rules, stepped in fixed ticks of simulated time so that the state at a given instant
 * depends only on the seed and that instant, never on when or how often it was looked at. Not thread-safe: the
 * {@link ClusterSimulator} serialises access.
 */
final class Simulation {
  static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank"};
  static final String[] ACCOUNTS = {"physics", "chemistry", "biology"};
  static final int[] USER_ACCOUNT = {0, 1, 2, 0, 1, 2};
  static final String[] QOS = {"normal", "high", "low"};
  static final String[] LICENSES = {"matlab", "fluent"};
  static final int[] LICENSE_TOTAL = {8, 4};
  static final String[] DRAIN_REASONS = {"memory errors reported by EDAC", "disk check failed", "kernel update",
      "admin: hardware replacement", "GPU XID 79"};
  static final String[] JOB_NAMES = {"md_run", "train", "analysis", "blast", "render", "cfd", "postproc", "sweep"};
  /** Terminal jobs stay visible in the queue this long (slurm.conf MinJobAge default). */
  static final long MIN_JOB_AGE = 300;

  /** Pending jobs a main scheduler and a backfill cycle look at (like default_queue_depth, bf_max_job_test). */
  static final int MAIN_DEPTH = 200;
  static final int BACKFILL_DEPTH = 2_000;

  final String[] partitionNames;
  final Partitions partitions;
  final List<SimNode> nodes = new ArrayList<>();
  final Map<Long, SimJob> queue = new LinkedHashMap<>();
  /** Jobs that ended while simulated, in end order (the live part of slurmdb). */
  final Deque<SimJob> finished = new ArrayDeque<>();
  final int maxFinished;
  final Reservation[] reservations;
  final long[] licenseUsed = new long[LICENSES.length];
  /** CPU-seconds used per user, for fair share. */
  final double[] usage = new double[USERS.length];
  final SimCounters counters = new SimCounters();
  final SplittableRandom random;
  private final long tickSeconds;
  final int queueTarget;
  final Placement placement;
  private final Scheduler scheduler;
  private final Workload workload;
  long now;
  long nextJobId;

  record Reservation(String name, long start, long end, int firstNode, int nodeCount, String users, List<String> flags) {}

  /** The shape of the cluster and of what its users submit. */
  record Config(int cpuNodes, int gpuNodes, int partitions, int queueTarget, double arrayShare,
      double multiNodeShare, int maxNodesPerJob, int maxArrayTasks, double hetShare) {}

  Simulation(long seed, long start, Config config, long tickSeconds, int maxFinished, long firstJobId) {
    int cpuNodes = config.cpuNodes();
    int gpuNodes = config.gpuNodes();
    this.random = new SplittableRandom(seed);
    this.tickSeconds = tickSeconds;
    this.queueTarget = config.queueTarget();
    this.maxFinished = maxFinished;
    this.now = start;
    this.nextJobId = firstJobId;
    this.partitions = new Partitions(config.partitions(), cpuNodes, gpuNodes);
    this.partitionNames = partitions.names;
    partitions.addNodes(nodes, start);
    reservations = new Reservation[] {
        new Reservation("project_x", start - 3600, start + 2 * 86_400, 0, Math.min(2, cpuNodes), "alice",
            List.of("SPEC_NODES")),
        new Reservation("maint_gpu", start + 6 * 3600, start + 10 * 3600, cpuNodes, gpuNodes, "root",
            List.of("MAINT", "IGNORE_JOBS", "SPEC_NODES"))};
    this.placement = new Placement(nodes, partitions.count(), reservations);
    this.workload = new Workload(partitions, placement, config.arrayShare(), config.multiNodeShare(),
        config.maxNodesPerJob(), config.maxArrayTasks(), config.hetShare());
    this.scheduler = new Scheduler(this);
    applyReservations();
    // a few nodes already out when we first look, as on any large cluster
    for (SimNode n : nodes) {
      double r = random.nextDouble();
      if (r < 0.005) {
        n.drain = r < 0.004;
        n.down = !n.drain;
        n.reason = n.drain ? DRAIN_REASONS[random.nextInt(DRAIN_REASONS.length)] : "Not responding";
        n.reasonSince = start - random.nextInt(86_400);
      }
    }
    // a busy cluster from the first look, as if backfill had been at it for hours: submit, start what fits (array
    // tasks started become queue records of their own), and again until the queue holds its target
    while (queue.size() < queueTarget) {
      int missing = queueTarget - queue.size();
      int n = missing > 64 ? missing / 2 + 1 : missing;
      for (int i = 0; i < n; i++) submit(start - random.nextInt(1800));
      scheduler.pass(Integer.MAX_VALUE, false);
    }
    scheduler.pass(MAIN_DEPTH, true);
  }

  /** Steps until simulated time reaches {@code target} (epoch seconds). */
  void advanceTo(long target) {
    while (now + tickSeconds <= target) {
      now += tickSeconds;
      step();
    }
  }

  private void step() {
    finishJobs();
    purge();
    nodeEvents();
    applyReservations();
    int running = 0;
    for (SimJob j : queue.values()) if (!j.terminal()) running++;
    double rate = 0.6 + Math.max(0, queueTarget - running) * 0.08;
    int arrivals = Workload.poisson(rate, random);
    for (int i = 0; i < arrivals; i++) submit(now);
    schedule();
  }

  void submit(long at) {
    SimJob j = workload.next(nextJobId++, at, random);
    queue.put(j.id, j);
    if (j.hetJobId != 0) {
      j.hetPartner = workload.hetComponent(j, nextJobId++, random);
      queue.put(j.hetPartner.id, j.hetPartner);
    }
    counters.submitted++;
    rpc("REQUEST_SUBMIT_BATCH_JOB", USERS[j.user], 300 + random.nextInt(900));
  }

  private void schedule() {
    long t0 = 200 + random.nextInt(800);
    int depth = scheduler.pass(MAIN_DEPTH, true);
    counters.scheduleCycles++;
    long micros = t0 + depth * 15L;
    counters.scheduleCycleLastMicros = micros;
    counters.scheduleCycleSumMicros += micros;
    counters.scheduleCycleMaxMicros = Math.max(counters.scheduleCycleMaxMicros, micros);
    counters.lastDepth = depth;
    if (now - counters.lastBackfillAt >= 30) {
      counters.lastBackfillAt = now;
      counters.backfillCycles++;
      long started = counters.started;
      int bfDepth = scheduler.pass(BACKFILL_DEPTH, false);
      long bf = 1000 + random.nextInt(20_000) + bfDepth * 40L;
      counters.backfillCycleLastMicros = bf;
      counters.backfillCycleSumMicros += bf;
      counters.backfillCycleMaxMicros = Math.max(counters.backfillCycleMaxMicros, bf);
      counters.backfilledJobs += counters.started - started;
    }
  }

  static int licenseIndex(String license) {
    String name = license.substring(0, license.indexOf(':'));
    for (int i = 0; i < LICENSES.length; i++) if (LICENSES[i].equals(name)) return i;
    return 0;
  }

  void startJob(SimJob j, int[] alloc) {
    j.state = SimJob.State.RUNNING;
    j.reason = "None";
    j.nodes = alloc;
    j.node = alloc[0];
    j.start = now;
    j.end = now + j.plannedSeconds;
    for (int i : alloc) {
      SimNode node = nodes.get(i);
      node.allocCpus += j.cpusPerNode();
      node.allocMemoryMb += j.memoryMb;
      node.allocGpus += j.gpus;
      node.jobs++;
    }
    if (!j.license.isEmpty()) licenseUsed[licenseIndex(j.license)]++;
    counters.started++;
  }

  private void finishJobs() {
    for (SimJob j : queue.values()) {
      if (j.state == SimJob.State.RUNNING && j.end <= now) end(j, j.plannedOutcome);
      if (j.state == SimJob.State.PENDING && j.plannedOutcome == SimJob.State.CANCELLED && now - j.submit > 1800) {
        j.start = now;
        j.end = now;
        j.state = SimJob.State.CANCELLED;
        j.reason = "None";
        counters.canceled++;
        record(j);
      }
    }
  }

  private void end(SimJob j, SimJob.State outcome) {
    for (int i : j.nodes) {
      SimNode node = nodes.get(i);
      node.allocCpus -= j.cpusPerNode();
      node.allocMemoryMb -= j.memoryMb;
      node.allocGpus -= j.gpus;
      node.jobs--;
    }
    placement.released();
    if (j.arrayJobId != 0 && j.arrayTaskId >= 0) {
      SimJob array = queue.get(j.arrayJobId);
      if (array != null && array != j && array.arrayRemainder() && array.state == SimJob.State.PENDING) {
        array.tasksRunning--;
      }
    }
    if (!j.license.isEmpty()) licenseUsed[licenseIndex(j.license)]--;
    j.end = Math.min(j.end, now);
    j.state = outcome;
    j.reason = switch (outcome) {
      case FAILED -> "NonZeroExitCode";
      case TIMEOUT -> "TimeLimit";
      case OUT_OF_MEMORY -> "OutOfMemory";
      case NODE_FAIL -> "NodeDown";
      default -> "None";
    };
    j.exitCode = switch (outcome) {
      case FAILED -> 1 + (int) (j.id % 3);
      case OUT_OF_MEMORY -> 137;
      case CANCELLED -> 15;
      default -> 0;
    };
    usage[j.user] += j.elapsed(now) * (double) j.cpus;
    switch (outcome) {
      case COMPLETED -> counters.completed++;
      case CANCELLED -> counters.canceled++;
      default -> counters.failed++;
    }
    rpc("REQUEST_COMPLETE_BATCH_SCRIPT", "slurm", 100 + random.nextInt(400));
    record(j);
  }

  private void record(SimJob j) {
    finished.addLast(j);
    while (finished.size() > maxFinished) finished.removeFirst();
  }

  private void purge() {
    queue.values().removeIf(j -> j.terminal() && now - j.end > MIN_JOB_AGE);
  }

  private void nodeEvents() {
    for (SimNode n : nodes) {
      if (n.down) {
        if (now - n.reasonSince > 240 && random.nextDouble() < 0.05) {
          n.down = false;
          n.reason = "";
          n.bootTime = now;
          n.reasonSince = now;
          placement.released();
        }
      } else if (n.drain) {
        if (n.jobs == 0 && now - n.reasonSince > 180 && random.nextDouble() < 0.04) {
          n.drain = false;
          n.reason = "";
          n.reasonSince = now;
          placement.released();
        }
      } else {
        double r = random.nextDouble();
        if (r < 0.0015) {
          n.drain = true;
          n.reason = DRAIN_REASONS[random.nextInt(DRAIN_REASONS.length)];
          n.reasonSince = now;
        } else if (r < 0.0018) {
          n.down = true;
          n.reason = "Not responding";
          n.reasonSince = now;
          int index = nodes.indexOf(n);
          for (SimJob j : queue.values()) {
            if (j.state == SimJob.State.RUNNING && contains(j.nodes, index)) end(j, SimJob.State.NODE_FAIL);
          }
        }
      }
    }
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) if (x == v) return true;
    return false;
  }

  private void applyReservations() {
    boolean changed = false;
    for (int i = 0; i < nodes.size(); i++) {
      int r = reservationOf(i);
      if (nodes.get(i).reservation != r) changed = true;
      nodes.get(i).reservation = r;
    }
    if (changed && placement != null) placement.released();
  }

  private int reservationOf(int node) {
    for (int r = 0; r < reservations.length; r++) {
      Reservation res = reservations[r];
      if (res.start() <= now && now < res.end() && node >= res.firstNode()
          && node < res.firstNode() + res.nodeCount()) {
        return r;
      }
    }
    return -1;
  }

  void rpc(String type, String user, long micros) {
    long[] t = counters.rpcByType.computeIfAbsent(type, k -> new long[2]);
    t[0]++;
    t[1] += micros;
    long[] u = counters.rpcByUser.computeIfAbsent(user, k -> new long[2]);
    u[0]++;
    u[1] += micros;
  }
}
