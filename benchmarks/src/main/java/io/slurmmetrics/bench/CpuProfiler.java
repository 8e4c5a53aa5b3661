package io.slurmmetrics.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds what the targets are stated in to every iteration, measured inside the forked JVM: process CPU time
 * per operation (all threads: the caller, the refresh thread, GC and JIT), GC time per operation, the highest heap in
 * use during the iteration (sampled; bounded by {@code -Xmx}) and the highest heap still in use after a collection
 * (the live set the work needed). On Linux also the CPU of the JIT compiler threads and of the collector's threads
 * (from {@code /proc/self/task}): the part of the process CPU that is neither the refresh nor the HTTP client.
 * Use with {@code -prof io.slurmmetrics.bench.CpuProfiler}.
 */
public final class CpuProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuStart;
  private long gcStart;
  private long gcCountStart;
  private HeapWatch heap;
  private long[] threadsStart;

  @Override
  public String getDescription() {
    return "process CPU, GC time and peak heap per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    heap = new HeapWatch();
    gcStart = gcMillis();
    gcCountStart = gcCount();
    threadsStart = jitAndGcThreadsMillis();
    cpuStart = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpuStart;
    long gc = gcMillis() - gcStart;
    long gcs = gcCount() - gcCountStart;
    long[] threads = jitAndGcThreadsMillis();
    heap.close();
    long ops = Math.max(1, result.getMetadata() != null ? result.getMetadata().getMeasuredOps() : 1);
    List<Result> out = new ArrayList<>();
    out.add(new ScalarResult("cpu.ms/op", cpu / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    out.add(new ScalarResult("gc.ms/op", (double) gc / ops, "ms/op", AggregationPolicy.AVG));
    out.add(new ScalarResult("gc.count/op", (double) gcs / ops, "#/op", AggregationPolicy.AVG));
    if (threads != null && threadsStart != null) {
      out.add(new ScalarResult("jit.cpu.ms/op", (double) (threads[0] - threadsStart[0]) / ops, "ms/op",
          AggregationPolicy.AVG));
      out.add(new ScalarResult("gc.cpu.ms/op", (double) (threads[1] - threadsStart[1]) / ops, "ms/op",
          AggregationPolicy.AVG));
    }
    out.add(new ScalarResult("heap.peak.mb", heap.peakUsedMb(), "MB", AggregationPolicy.MAX));
    out.add(new ScalarResult("heap.live.mb", heap.peakLiveMb(), "MB", AggregationPolicy.MAX));
    return out;
  }

  private static long gcMillis() {
    long t = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, g.getCollectionTime());
    return t;
  }

  private static long gcCount() {
    long t = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, g.getCollectionCount());
    return t;
  }

  /**
   * CPU milliseconds so far of the JIT compiler threads ({@code C1/C2 CompilerThread}) and of the collector's
   * ({@code GC Thread#n}, {@code G1 ...}), from {@code /proc/self/task/<tid>/stat} (utime + stime, in clock ticks of
   * 10 ms); null where there is no such file.
   */
  private static long[] jitAndGcThreadsMillis() {
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) return null;
    long jit = 0;
    long gc = 0;
    for (java.io.File t : tasks) {
      String stat;
      try {
        stat = java.nio.file.Files.readString(t.toPath().resolve("stat"));
      } catch (java.io.IOException | RuntimeException e) {
        continue; // the thread ended meanwhile
      }
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      if (open < 0 || close < 0) continue;
      String name = stat.substring(open + 1, close);
      String[] f = stat.substring(close + 2).split(" ");
      long millis = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
      if (name.contains("CompilerThre")) jit += millis;
      else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) gc += millis;
    }
    return new long[] {jit, gc};
  }
}
