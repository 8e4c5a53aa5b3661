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

  final String[] partitionNames;
  final List<SimNode> nodes = new ArrayList<>();
  final Map<Long, SimJob> queue = new LinkedHashMap<>();
  /** Jobs that ended while simulated, in end order (the live part of slurmdb). */
  final Deque<SimJob> finished = new ArrayDeque<>();
  final int maxFinished;
  final Reservation[] reservations;
  final long[] licenseUsed = new long[LICENSES.length];
  /** CPU-seconds used per user, for fair share. */
  final double[] usage = new double[USERS.length];
  final Counters counters = new Counters();
  private final SplittableRandom random;
  private final long tickSeconds;
  private final int queueTarget;
  long now;
  long nextJobId;
  private int cursor;

  record Reservation(String name, long start, long end, int firstNode, int nodeCount, String users, List<String> flags) {}

  /** sdiag's counters (monotonic, reset never: our slurmctld never restarts). */
  static final class Counters {
    long submitted;
    long started;
    long completed;
    long canceled;
    long failed;
    long scheduleCycles;
    long scheduleCycleSumMicros;
    long scheduleCycleLastMicros;
    long scheduleCycleMaxMicros;
    long backfillCycles;
    long backfillCycleSumMicros;
    long backfillCycleLastMicros;
    long backfillCycleMaxMicros;
    long backfilledJobs;
    long lastBackfillAt;
    int lastDepth;
    final Map<String, long[]> rpcByType = new LinkedHashMap<>(); // count, total micros
    final Map<String, long[]> rpcByUser = new LinkedHashMap<>();
  }

  Simulation(long seed, long start, int cpuNodes, int gpuNodes, int queueTarget, long tickSeconds, int maxFinished,
      long firstJobId) {
    this.random = new SplittableRandom(seed);
    this.tickSeconds = tickSeconds;
    this.queueTarget = queueTarget;
    this.maxFinished = maxFinished;
    this.now = start;
    this.nextJobId = firstJobId;
    this.partitionNames = new String[] {"cpu", "gpu", "debug"};
    int width = Math.max(3, String.valueOf(Math.max(cpuNodes, gpuNodes)).length());
    for (int i = 1; i <= cpuNodes; i++) {
      int parts = 1 | (i <= Math.min(4, cpuNodes) ? 4 : 0); // the first nodes are also in debug
      nodes.add(new SimNode("c" + pad(i, width), 32, 128_000, 0, parts, start - 86_400 * 3));
    }
    for (int i = 1; i <= gpuNodes; i++) {
      nodes.add(new SimNode("g" + pad(i, width), 32, 256_000, 4, 2, start - 86_400 * 2));
    }
    reservations = new Reservation[] {
        new Reservation("project_x", start - 3600, start + 2 * 86_400, 0, Math.min(2, cpuNodes), "alice",
            List.of("SPEC_NODES")),
        new Reservation("maint_gpu", start + 6 * 3600, start + 10 * 3600, cpuNodes, gpuNodes, "root",
            List.of("MAINT", "IGNORE_JOBS", "SPEC_NODES"))};
    applyReservations();
    // a busy cluster from the first look: fill the queue, then let it settle for a while
    for (int i = 0; i < queueTarget; i++) submit(start - random.nextInt(1800));
    for (int i = 0; i < 60; i++) schedule();
  }

  static String pad(int n, int width) {
    StringBuilder b = new StringBuilder(String.valueOf(n));
    while (b.length() < width) b.insert(0, '0');
    return b.toString();
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
    int arrivals = poisson(rate);
    for (int i = 0; i < arrivals; i++) submit(now);
    schedule();
  }

  private int poisson(double lambda) {
    double l = Math.exp(-Math.min(lambda, 50));
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  void submit(long at) {
    int user = random.nextInt(USERS.length);
    double r = random.nextDouble();
    int partition = r < 0.7 ? 0 : r < 0.9 ? 1 : 2;
    if (partition == 1 && nodes.stream().noneMatch(n -> n.gpus > 0)) partition = 0;
    int cpus = new int[] {1, 2, 4, 8, 16}[random.nextInt(5)];
    long mem = cpus * (long) new int[] {1000, 2000, 4000}[random.nextInt(3)];
    int gpus = partition == 1 ? 1 + random.nextInt(4) : 0;
    String license = random.nextDouble() < 0.08 ? LICENSES[random.nextInt(LICENSES.length)] + ":1" : "";
    int limit = partition == 2 ? 30 : new int[] {60, 120, 240}[random.nextInt(3)];
    double o = random.nextDouble();
    SimJob.State outcome = o < 0.78 ? SimJob.State.COMPLETED : o < 0.88 ? SimJob.State.FAILED
        : o < 0.93 ? SimJob.State.CANCELLED : o < 0.97 ? SimJob.State.TIMEOUT : SimJob.State.OUT_OF_MEMORY;
    long planned = 30 + random.nextInt(partition == 2 ? 300 : 1500);
    if (outcome == SimJob.State.TIMEOUT) planned = Math.min(limit * 60L, 600);
    double efficiency = 0.15 + random.nextDouble() * 0.85;
    int priority = 1000 + random.nextInt(9000) + (random.nextDouble() < 0.1 ? 20_000 : 0);
    SimJob j = new SimJob(nextJobId++, JOB_NAMES[random.nextInt(JOB_NAMES.length)], user, partition, cpus, mem, gpus,
        license, at, limit, planned, outcome, efficiency, priority);
    if (random.nextDouble() < 0.03) j.held = true;
    if (random.nextDouble() < 0.05) j.dependencyUntil = at + 120 + random.nextInt(600);
    queue.put(j.id, j);
    counters.submitted++;
    rpc("REQUEST_SUBMIT_BATCH_JOB", USERS[user], 300 + random.nextInt(900));
  }

  private void schedule() {
    long t0 = 200 + random.nextInt(800);
    List<SimJob> pending = new ArrayList<>();
    for (SimJob j : queue.values()) if (j.state == SimJob.State.PENDING) pending.add(j);
    pending.sort(Comparator.comparingInt((SimJob j) -> -j.priority).thenComparingLong(j -> j.id));
    boolean[] blocked = new boolean[partitionNames.length];
    int[] runningPerUser = new int[USERS.length];
    for (SimJob j : queue.values()) if (j.state == SimJob.State.RUNNING) runningPerUser[j.user]++;
    int depth = 0;
    int started = 0;
    for (SimJob j : pending) {
      if (depth++ >= 200) break;
      if (j.held) {
        j.reason = "JobHeldUser";
        if (random.nextDouble() < 0.01) j.held = false;
        continue;
      }
      if (j.dependencyUntil > now) {
        j.reason = "Dependency";
        continue;
      }
      if (runningPerUser[j.user] >= Math.max(4, queueTarget / 3)) {
        j.reason = "QOSMaxJobsPerUserLimit";
        continue;
      }
      if (!j.license.isEmpty()) {
        int l = licenseIndex(j.license);
        if (licenseUsed[l] >= LICENSE_TOTAL[l]) {
          j.reason = "Licenses";
          continue;
        }
      }
      if (blocked[j.partition]) {
        j.reason = "Priority";
        continue;
      }
      int node = findNode(j);
      if (node < 0) {
        j.reason = "Resources";
        blocked[j.partition] = true;
        continue;
      }
      startJob(j, node);
      runningPerUser[j.user]++;
      started++;
    }
    counters.scheduleCycles++;
    long micros = t0 + depth * 15L;
    counters.scheduleCycleLastMicros = micros;
    counters.scheduleCycleSumMicros += micros;
    counters.scheduleCycleMaxMicros = Math.max(counters.scheduleCycleMaxMicros, micros);
    counters.lastDepth = depth;
    if (now - counters.lastBackfillAt >= 30) {
      counters.lastBackfillAt = now;
      counters.backfillCycles++;
      long bf = 1000 + random.nextInt(20_000) + depth * 40L;
      counters.backfillCycleLastMicros = bf;
      counters.backfillCycleSumMicros += bf;
      counters.backfillCycleMaxMicros = Math.max(counters.backfillCycleMaxMicros, bf);
      if (started > 0 && random.nextDouble() < 0.3) counters.backfilledJobs++;
    }
  }

  private int findNode(SimJob j) {
    int n = nodes.size();
    int scan = Math.min(n, 64);
    for (int k = 0; k < scan; k++) {
      int i = (cursor + k) % n;
      SimNode node = nodes.get(i);
      if ((node.partitions & (1 << j.partition)) == 0) continue;
      if (node.reservation >= 0 && !reservations[node.reservation].users().equals(Simulation.USERS[j.user])) continue;
      if (node.fits(j)) {
        cursor = (i + 1) % n;
        return i;
      }
    }
    // small clusters: scan the rest too
    for (int i = 0; i < n && n > 64; i++) {
      SimNode node = nodes.get(i);
      if ((node.partitions & (1 << j.partition)) != 0 && node.reservation < 0 && node.fits(j)) return i;
    }
    cursor = (cursor + scan) % Math.max(1, n);
    return -1;
  }

  static int licenseIndex(String license) {
    String name = license.substring(0, license.indexOf(':'));
    for (int i = 0; i < LICENSES.length; i++) if (LICENSES[i].equals(name)) return i;
    return 0;
  }

  private void startJob(SimJob j, int nodeIndex) {
    SimNode node = nodes.get(nodeIndex);
    j.state = SimJob.State.RUNNING;
    j.reason = "None";
    j.node = nodeIndex;
    j.start = now;
    j.end = now + j.plannedSeconds;
    node.allocCpus += j.cpus;
    node.allocMemoryMb += j.memoryMb;
    node.allocGpus += j.gpus;
    node.jobs++;
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
    SimNode node = nodes.get(j.node);
    node.allocCpus -= j.cpus;
    node.allocMemoryMb -= j.memoryMb;
    node.allocGpus -= j.gpus;
    node.jobs--;
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
        }
      } else if (n.drain) {
        if (n.jobs == 0 && now - n.reasonSince > 180 && random.nextDouble() < 0.04) {
          n.drain = false;
          n.reason = "";
          n.reasonSince = now;
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
            if (j.state == SimJob.State.RUNNING && j.node == index) end(j, SimJob.State.NODE_FAIL);
          }
        }
      }
    }
  }

  private void applyReservations() {
    for (SimNode n : nodes) n.reservation = -1;
    for (int r = 0; r < reservations.length; r++) {
      Reservation res = reservations[r];
      if (res.start() <= now && now < res.end()) {
        for (int i = res.firstNode(); i < res.firstNode() + res.nodeCount() && i < nodes.size(); i++) {
          nodes.get(i).reservation = r;
        }
      }
    }
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
