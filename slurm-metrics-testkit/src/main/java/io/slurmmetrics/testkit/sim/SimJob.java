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
  int node = -1;
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

  boolean terminal() {
    return state != State.PENDING && state != State.RUNNING;
  }

  long elapsed(long now) {
    if (state == State.PENDING) return 0;
    return (state == State.RUNNING ? now : end) - start;
  }
}
