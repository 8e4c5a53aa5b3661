package io.slurmmetrics.testkit.sim;

/** One simulated job; mutable, owned by {@link Simulation} and read under its lock. */
final class SimJob {
  enum State { PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT, CANCELLED, OUT_OF_MEMORY, NODE_FAIL }

  final long id;
  final String name;
  final int user;
  final int partition;
  final int cpus;
  final long memoryMb;
  final int gpus;
  final String license; // "" or "matlab:1"
  final long submit;
  final int limitMinutes;
  /** How long it will run once started (seconds), and how it will end. */
  final long plannedSeconds;
  final State plannedOutcome;
  /** Share of the allocated CPU time really used, 0..1 (job efficiency). */
  final double cpuEfficiency;
  final int priority;
  State state = State.PENDING;
  String reason = "None";
  long start;
  long end;
  /** The first (batch) node while running, -1 before; {@link #nodes} holds them all. */
  int node = -1;
  /** Allocated node indexes in ascending order while running (and after), null before. */
  int[] nodes;
  /** Nodes asked for; more than one only for whole-node (exclusive) jobs. */
  int nodeCount = 1;
  boolean exclusive;
  /** The array's id for array jobs (tasks and the pending remainder), 0 otherwise. */
  long arrayJobId;
  /** This task's index; -1 for the pending remainder of an array and for non-array jobs. */
  int arrayTaskId = -1;
  /** The pending remainder's task range, first > last when nothing is left to start. */
  int taskFirst;
  int taskLast = -1;
  /** At most this many tasks run at once ({@code %n}), 0 for no limit. */
  int taskLimit;
  /** Tasks of this array running now (kept on the pending remainder). */
  int tasksRunning;
  /** A heterogeneous job's leader id (0 for other jobs), this component's offset (-1 for other jobs). */
  long hetJobId;
  int hetOffset = -1;
  /** The leader's other component (started with it); null for other jobs and on the component itself. */
  SimJob hetPartner;
  int exitCode;
  boolean held;
  long dependencyUntil;

  SimJob(long id, String name, int user, int partition, int cpus, long memoryMb, int gpus, String license, long submit,
      int limitMinutes, long plannedSeconds, State plannedOutcome, double cpuEfficiency, int priority) {
    this.id = id;
    this.name = name;
    this.user = user;
    this.partition = partition;
    this.cpus = cpus;
    this.memoryMb = memoryMb;
    this.gpus = gpus;
    this.license = license;
    this.submit = submit;
    this.limitMinutes = limitMinutes;
    this.plannedSeconds = plannedSeconds;
    this.plannedOutcome = plannedOutcome;
    this.cpuEfficiency = cpuEfficiency;
    this.priority = priority;
  }

  /** The pending remainder of a job array ({@code 10_[3-4%2]}). */
  boolean arrayRemainder() {
    return arrayJobId != 0 && arrayTaskId < 0;
  }

  /** CPUs on each allocated node. */
  int cpusPerNode() {
    return cpus / nodeCount;
  }

  /** A task split off the pending remainder: same request, its own id and task index. */
  SimJob task(long id, int taskId, long plannedSeconds, State outcome, double efficiency) {
    SimJob t = new SimJob(id, name, user, partition, cpus, memoryMb, gpus, license, submit, limitMinutes,
        plannedSeconds, outcome, efficiency, priority);
    t.arrayJobId = arrayJobId;
    t.arrayTaskId = taskId;
    t.taskLimit = taskLimit;
    return t;
  }

  boolean terminal() {
    return state != State.PENDING && state != State.RUNNING;
  }

  long elapsed(long now) {
    if (state == State.PENDING) return 0;
    return (state == State.RUNNING ? now : end) - start;
  }
}
