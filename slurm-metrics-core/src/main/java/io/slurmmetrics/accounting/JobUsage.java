package io.slurmmetrics.accounting;

import io.slurmmetrics.model.AccountingJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The resource arithmetic of one finished job, in the units the accounting families expose.
 *
 * <p>Rules, in one place: allocated CPU time is allocated CPUs x elapsed; used CPU time is Slurm's TotalCPU (user +
 * system over all steps); waste is allocated minus used and never below zero (a counter cannot go down, and TotalCPU
 * can exceed the allocation by a rounding second); efficiencies are used / allocated and are left out when the
 * allocation is zero or the usage is unknown (no MaxRSS gathered). Memory waste uses the largest resident set of any
 * task, so for a multi-task job it is an upper bound on the waste.
 */
record JobUsage(
    double elapsedSeconds,
    boolean started,
    double allocatedCpuHours,
    double usedCpuHours,
    double gpuHours,
    double wasteCpuHours,
    OptionalDouble wasteMemoryGbHours,
    OptionalDouble cpuEfficiency,
    OptionalDouble memoryEfficiency,
    OptionalDouble waitSeconds) {

  /** Bytes in the {@code gb} of {@code slurm_job_waste_memory_gb_hours_total}: decimal gigabytes (SI, 10^9). */
  static final double BYTES_PER_GB = 1e9;

  private static final double SECONDS_PER_HOUR = 3600.0;

  static JobUsage of(AccountingJob job) {
    double elapsed = seconds(job.elapsed());
    long cpus = job.tresAllocated().cpus();
    // A job cancelled while pending gets a start time equal to its end time but no allocation: it never started.
    boolean started = job.startTime().isPresent() && (cpus > 0 || elapsed > 0);
    double allocatedCpuSeconds = cpus * elapsed;
    double usedCpuSeconds = seconds(job.totalCpuTime());

    OptionalDouble cpuEfficiency = allocatedCpuSeconds > 0
        ? OptionalDouble.of(usedCpuSeconds / allocatedCpuSeconds) : OptionalDouble.empty();

    long memory = job.tresAllocated().memoryBytes();
    OptionalDouble memoryEfficiency = OptionalDouble.empty();
    OptionalDouble wasteMemory = OptionalDouble.empty();
    if (memory > 0 && job.maxRssBytes().isPresent()) {
      long rss = job.maxRssBytes().getAsLong();
      memoryEfficiency = OptionalDouble.of((double) rss / memory);
      wasteMemory = OptionalDouble.of(Math.max(0, memory - rss) / BYTES_PER_GB * elapsed / SECONDS_PER_HOUR);
    }

    OptionalDouble wait = OptionalDouble.empty();
    if (started) {
      // Eligible time is missing for jobs Slurm never considered (held, then released): fall back to submit.
      Optional<Instant> ready = job.eligibleTime().or(job::submitTime);
      if (ready.isPresent()) {
        wait = OptionalDouble.of(Math.max(0, seconds(Duration.between(ready.get(), job.startTime().get()))));
      }
    }

    return new JobUsage(elapsed, started,
        allocatedCpuSeconds / SECONDS_PER_HOUR,
        usedCpuSeconds / SECONDS_PER_HOUR,
        job.tresAllocated().gpus() * elapsed / SECONDS_PER_HOUR,
        Math.max(0, allocatedCpuSeconds - usedCpuSeconds) / SECONDS_PER_HOUR,
        wasteMemory, cpuEfficiency, memoryEfficiency, wait);
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
