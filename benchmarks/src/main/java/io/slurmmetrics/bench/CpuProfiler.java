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
 * (the live set the work needed).
 * Use with {@code -prof io.slurmmetrics.bench.CpuProfiler}.
 */
public final class CpuProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuStart;
  private long gcStart;
  private long gcCountStart;
  private HeapWatch heap;

  @Override
  public String getDescription() {
    return "process CPU, GC time and peak heap per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    heap = new HeapWatch();
    gcStart = gcMillis();
    gcCountStart = gcCount();
    cpuStart = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpuStart;
    long gc = gcMillis() - gcStart;
    long gcs = gcCount() - gcCountStart;
    heap.close();
    long ops = Math.max(1, result.getMetadata() != null ? result.getMetadata().getMeasuredOps() : 1);
    List<Result> out = new ArrayList<>();
    out.add(new ScalarResult("cpu.ms/op", cpu / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    out.add(new ScalarResult("gc.ms/op", (double) gc / ops, "ms/op", AggregationPolicy.AVG));
    out.add(new ScalarResult("gc.count/op", (double) gcs / ops, "#/op", AggregationPolicy.AVG));
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
}
