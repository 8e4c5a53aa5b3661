package io.slurmmetrics.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Process CPU, wall, GC time, JIT compilation time, peak heap and live set between {@link #start()} and {@link #stop()},
 * from the MXBeans.
 */
final class Measure {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** {@code jitMillis}: the JIT compiler threads' time, part of the process CPU (a warm-up is meant to leave little). */
  record Result(double cpuMillis, double wallMillis, double gcMillis, double jitMillis, double peakHeapMb,
      double peakLiveMb) {}

  private final long cpu;
  private final long wall;
  private final long gc;
  private final long jit;
  private final HeapWatch heap = new HeapWatch();

  private Measure() {
    gc = gcMillis();
    jit = jitMillis();
    wall = System.nanoTime();
    cpu = OS.getProcessCpuTime();
  }

  static Measure start() {
    return new Measure();
  }

  Result stop() {
    double c = (OS.getProcessCpuTime() - cpu) / 1e6;
    double w = (System.nanoTime() - wall) / 1e6;
    heap.close();
    return new Result(c, w, gcMillis() - gc, jitMillis() - jit, heap.peakUsedMb(), heap.peakLiveMb());
  }

  /** The JIT compilers' accumulated time so far. */
  static long jitMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  static long gcMillis() {
    long t = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, g.getCollectionTime());
    return t;
  }
}
