package io.slurmmetrics.testkit.sim;

/** One simulated node; mutable, owned by {@link Simulation}. */
final class SimNode {
  final String name;
  final int cpus;
  final long memoryMb;
  final int gpus;
  /** Bit set of partition indexes. */
  final int partitions;
  int allocCpus;
  long allocMemoryMb;
  int allocGpus;
  int jobs;
  boolean drain;
  boolean down;
  String reason = "";
  long reasonSince;
  long bootTime;
  /** Reservation index this node belongs to while it is active, -1 for none. */
  int reservation = -1;

  SimNode(String name, int cpus, long memoryMb, int gpus, int partitions, long bootTime) {
    this.name = name;
    this.cpus = cpus;
    this.memoryMb = memoryMb;
    this.gpus = gpus;
    this.partitions = partitions;
    this.bootTime = bootTime;
  }

  boolean usable() {
    return !drain && !down;
  }

  /** Room for one node's share of {@code j}; a whole-node job needs the node idle. */
  boolean fits(SimJob j) {
    if (!usable() || (j.exclusive && jobs > 0)) return false;
    return cpus - allocCpus >= j.cpusPerNode() && memoryMb - allocMemoryMb >= j.memoryMb
        && gpus - allocGpus >= j.gpus;
  }

  /** Full: no job of one CPU fits any more (skipped cheaply by the scheduler's scans). */
  boolean full() {
    return !usable() || allocCpus >= cpus;
  }
}
