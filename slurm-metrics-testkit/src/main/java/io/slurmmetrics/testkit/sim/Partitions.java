package io.slurmmetrics.testkit.sim;

/**
 * Which partitions exist, which nodes each holds, and how submissions spread over them. Sites overlap their
 * partitions: every CPU node is in {@code cpu} and {@code preempt}, some also in {@code debug}, {@code long} or
 * {@code short}; so a node counts once in each partition it belongs to, and a partition's figures are the sum of its
 * own nodes.
 */
final class Partitions {
  /** The names in the order they are added: {@code partitions(n)} uses the first n. */
  static final String[] NAMES = {"cpu", "gpu", "debug", "long", "preempt", "short", "gpu_long", "interactive",
      "highmem", "scavenger"};
  /** Share of submissions per partition, before normalising over the partitions that exist. */
  private static final double[] WEIGHTS = {0.42, 0.16, 0.06, 0.11, 0.07, 0.08, 0.04, 0.03, 0.02, 0.01};
  static final int CPU = 0;
  static final int GPU = 1;
  static final int DEBUG = 2;
  static final int GPU_LONG = 6;
  static final int INTERACTIVE = 7;

  final String[] names;
  private final double[] cumulative;
  private final int cpuNodes;
  private final int gpuNodes;

  Partitions(int count, int cpuNodes, int gpuNodes) {
    if (count < 3 || count > NAMES.length) {
      throw new IllegalArgumentException("partitions must be between 3 and " + NAMES.length + ": " + count);
    }
    this.cpuNodes = cpuNodes;
    this.gpuNodes = gpuNodes;
    this.names = java.util.Arrays.copyOf(NAMES, count);
    double total = 0;
    for (int p = 0; p < count; p++) if (!gpuOnly(p) || gpuNodes > 0) total += WEIGHTS[p];
    cumulative = new double[count];
    double sum = 0;
    for (int p = 0; p < count; p++) {
      if (!gpuOnly(p) || gpuNodes > 0) sum += WEIGHTS[p] / total;
      cumulative[p] = sum;
    }
  }

  /** Adds the CPU nodes {@code c001..} and then the GPU nodes {@code g001..} (4 x A100 each). */
  void addNodes(java.util.List<SimNode> nodes, long start) {
    int width = Math.max(3, String.valueOf(Math.max(cpuNodes, gpuNodes)).length());
    for (int i = 1; i <= cpuNodes; i++) {
      nodes.add(new SimNode("c" + pad(i, width), Workload.NODE_CPUS, 128_000, 0, ofCpuNode(i - 1),
          start - 86_400 * 3));
    }
    for (int i = 1; i <= gpuNodes; i++) {
      nodes.add(new SimNode("g" + pad(i, width), Workload.NODE_CPUS, 256_000, 4, ofGpuNode(i - 1),
          start - 86_400 * 2));
    }
  }

  static String pad(int n, int width) {
    StringBuilder b = new StringBuilder(String.valueOf(n));
    while (b.length() < width) b.insert(0, '0');
    return b.toString();
  }

  int count() {
    return names.length;
  }

  /** Partitions whose jobs ask for GPUs. */
  boolean gpuOnly(int p) {
    return p == GPU || p == GPU_LONG;
  }

  /** The partition bit set of CPU node {@code i} (0-based among the CPU nodes). */
  int ofCpuNode(int i) {
    int c = cpuNodes;
    int bits = 1 << CPU;
    if (i < Math.max(Math.min(4, c), c / 100)) bits |= 1 << DEBUG;
    if (has(3) && i >= c / 2) bits |= 1 << 3; // long: the second half
    if (has(4)) bits |= 1 << 4; // preempt: everything
    if (has(5) && i < Math.max(1, c / 4)) bits |= 1 << 5; // short: the first quarter
    if (has(GPU_LONG) && gpuNodes == 0 && i >= c - Math.max(1, c / 10)) bits |= 1 << GPU_LONG;
    if (has(INTERACTIVE) && i % 50 == 0) bits |= 1 << INTERACTIVE; // one node in 50, not a range
    if (has(8) && i >= c - Math.max(1, c / 20)) bits |= 1 << 8; // highmem: the last 5 %
    if (has(9) && i % 3 == 1) bits |= 1 << 9;
    return bits;
  }

  /** The partition bit set of GPU node {@code k} (0-based among the GPU nodes). */
  int ofGpuNode(int k) {
    int bits = 1 << GPU;
    if (has(4)) bits |= 1 << 4;
    if (has(GPU_LONG) && k >= gpuNodes / 2) bits |= 1 << GPU_LONG;
    return bits;
  }

  private boolean has(int p) {
    return p < names.length;
  }

  /** The partition of a submission, from a uniform draw in [0, 1). */
  int pick(double r) {
    for (int p = 0; p < cumulative.length; p++) if (r < cumulative[p]) return p;
    return CPU;
  }

  /** Time limit choices in minutes, per partition. */
  int[] limits(int p) {
    return switch (names[p]) {
      case "debug", "interactive" -> new int[] {30};
      case "long", "gpu_long" -> new int[] {1440, 2880, 4320};
      case "short" -> new int[] {30, 60};
      default -> new int[] {60, 120, 240};
    };
  }
}
