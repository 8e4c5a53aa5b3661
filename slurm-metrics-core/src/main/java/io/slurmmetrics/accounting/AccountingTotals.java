package io.slurmmetrics.accounting;

import io.slurmmetrics.metrics.FamilySet;
import io.slurmmetrics.metrics.MetricCatalog;
import io.slurmmetrics.metrics.MetricDefinition;
import io.slurmmetrics.model.AccountingJob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running sums behind the accounting families, since the poller started. Families, their label names and help
 * come from the {@link MetricCatalog}; this class only knows which quantity of a job feeds which family.
 *
 * <p>Thread-safe: the poller adds a whole batch under the lock and a scrape renders under the same lock, so a scrape
 * never sees half a batch (a job in {@code slurm_jobs_completed_total} but not yet in the CPU hours).
 */
final class AccountingTotals {
  static final String COMPLETED = "slurm_jobs_completed_total";
  static final String FAILED = "slurm_jobs_failed_total";
  static final String CANCELLED = "slurm_jobs_cancelled_total";
  static final String CPU_HOURS_USED = "slurm_account_cpu_hours_used_total";
  static final String CPU_HOURS_ALLOCATED = "slurm_job_cpu_hours_total";
  static final String GPU_HOURS = "slurm_job_gpu_hours_total";
  static final String WASTE_CPU_HOURS = "slurm_job_waste_cpu_hours_total";
  static final String WASTE_MEMORY_GB_HOURS = "slurm_job_waste_memory_gb_hours_total";
  static final String WAIT_TIME = "slurm_job_wait_time_seconds";
  static final String CPU_EFFICIENCY = "slurm_job_cpu_efficiency_ratio";
  static final String MEMORY_EFFICIENCY = "slurm_job_memory_efficiency_ratio";
  static final String DURATION = "slurm_job_duration_seconds";

  /** Every family this class feeds, in the order they are rendered. */
  static final List<String> FAMILIES = List.of(COMPLETED, FAILED, CANCELLED, CPU_HOURS_USED, CPU_HOURS_ALLOCATED,
      GPU_HOURS, WASTE_CPU_HOURS, WASTE_MEMORY_GB_HOURS, WAIT_TIME, CPU_EFFICIENCY, MEMORY_EFFICIENCY, DURATION);

  /** 10 s to 7 days. */
  static final double[] WAIT_BUCKETS = {10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200, 86400,
      172800, 345600, 604800, Double.POSITIVE_INFINITY};
  /** 1 s to 14 days. */
  static final double[] DURATION_BUCKETS = {1, 10, 30, 60, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200, 86400,
      172800, 345600, 604800, 1209600, Double.POSITIVE_INFINITY};
  /** Used / allocated: 0 to 1 in tenths (a ratio above 1, e.g. TotalCPU rounding, lands in +Inf). */
  static final double[] RATIO_BUCKETS = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
      Double.POSITIVE_INFINITY};

  private final boolean userLabel;
  private final boolean accountLabel;
  private final Map<String, MetricDefinition> definitions = new LinkedHashMap<>();
  private final Map<String, Map<List<String>, double[]>> counters = new LinkedHashMap<>();
  private final Map<String, Map<List<String>, Histogram>> histograms = new LinkedHashMap<>();
  private long jobsCounted;

  /** @throws IllegalStateException when a family is missing from the catalogue or has a label we cannot fill */
  AccountingTotals(boolean userLabel, boolean accountLabel) {
    this.userLabel = userLabel;
    this.accountLabel = accountLabel;
    for (String name : FAMILIES) {
      MetricDefinition d = MetricCatalog.find(name)
          .orElseThrow(() -> new IllegalStateException("accounting family not in the metric catalogue: " + name));
      for (String label : d.labels()) {
        if (!List.of("partition", "account", "user", "state").contains(label)) {
          throw new IllegalStateException("accounting cannot fill label '" + label + "' of " + name);
        }
      }
      definitions.put(name, d);
      if (d.type() == MetricDefinition.Type.HISTOGRAM) histograms.put(name, new LinkedHashMap<>());
      else counters.put(name, new LinkedHashMap<>());
    }
  }

  /** The catalogue entries of the families fed here; fails fast when one is missing from the catalogue. */
  static List<MetricDefinition> catalogDefinitions() {
    List<MetricDefinition> out = new ArrayList<>();
    for (String name : FAMILIES) out.add(MetricCatalog.get(name));
    return List.copyOf(out);
  }

  /** Adds finished jobs (each must be counted once: the caller deduplicates). */
  synchronized void add(Collection<AccountingJob> jobs) {
    for (AccountingJob job : jobs) add(job);
  }

  private void add(AccountingJob job) {
    JobOutcome outcome = JobOutcome.of(job.state());
    if (!outcome.isFinished()) return;
    jobsCounted++;
    JobUsage u = JobUsage.of(job);
    Cells c = cells(job);
    switch (outcome) {
      case COMPLETED -> c.count(COMPLETED_INDEX, 1);
      case FAILED -> c.count(FAILED_INDEX, 1);
      case CANCELLED -> c.count(CANCELLED_INDEX, 1);
      default -> { } // finished, but in no job counter (preempted, requeued): resources still count below
    }
    c.count(CPU_HOURS_USED_INDEX, u.usedCpuHours());
    c.count(CPU_HOURS_ALLOCATED_INDEX, u.allocatedCpuHours());
    c.count(GPU_HOURS_INDEX, u.gpuHours());
    c.count(WASTE_CPU_HOURS_INDEX, u.wasteCpuHours());
    if (u.wasteMemoryGbHours().isPresent()) c.count(WASTE_MEMORY_INDEX, u.wasteMemoryGbHours().getAsDouble());
    if (u.waitSeconds().isPresent()) c.observe(WAIT_TIME_INDEX, u.waitSeconds().getAsDouble());
    if (u.started()) c.observe(DURATION_INDEX, u.elapsedSeconds());
    if (u.cpuEfficiency().isPresent()) c.observe(CPU_EFFICIENCY_INDEX, u.cpuEfficiency().getAsDouble());
    if (u.memoryEfficiency().isPresent()) c.observe(MEMORY_EFFICIENCY_INDEX, u.memoryEfficiency().getAsDouble());
  }

  private static final int COMPLETED_INDEX = FAMILIES.indexOf(COMPLETED);
  private static final int FAILED_INDEX = FAMILIES.indexOf(FAILED);
  private static final int CANCELLED_INDEX = FAMILIES.indexOf(CANCELLED);
  private static final int CPU_HOURS_USED_INDEX = FAMILIES.indexOf(CPU_HOURS_USED);
  private static final int CPU_HOURS_ALLOCATED_INDEX = FAMILIES.indexOf(CPU_HOURS_ALLOCATED);
  private static final int GPU_HOURS_INDEX = FAMILIES.indexOf(GPU_HOURS);
  private static final int WASTE_CPU_HOURS_INDEX = FAMILIES.indexOf(WASTE_CPU_HOURS);
  private static final int WASTE_MEMORY_INDEX = FAMILIES.indexOf(WASTE_MEMORY_GB_HOURS);
  private static final int WAIT_TIME_INDEX = FAMILIES.indexOf(WAIT_TIME);
  private static final int CPU_EFFICIENCY_INDEX = FAMILIES.indexOf(CPU_EFFICIENCY);
  private static final int MEMORY_EFFICIENCY_INDEX = FAMILIES.indexOf(MEMORY_EFFICIENCY);
  private static final int DURATION_INDEX = FAMILIES.indexOf(DURATION);

  /** The label values a job can contribute under; switched-off labels are already empty. */
  private record Labels(String partition, String account, String user, String state) {}

  /**
   * The series of every family for one label combination, looked up once per combination instead of building a label
   * list and hashing it for each family of each job (a few hundred combinations against a million jobs a day).
   */
  private final Map<Labels, Cells> cells = new HashMap<>();

  private Cells cells(AccountingJob job) {
    Labels key = new Labels(job.partition(), accountLabel ? job.account() : "", userLabel ? job.user() : "",
        job.state().base());
    Cells c = cells.get(key);
    if (c == null) {
      c = new Cells(key);
      cells.put(key, c);
    }
    return c;
  }

  private final class Cells {
    private final Labels labels;
    private final double[][] counterCells = new double[FAMILIES.size()][];
    private final Histogram[] histogramCells = new Histogram[FAMILIES.size()];

    Cells(Labels labels) {
      this.labels = labels;
    }

    /** Series appear with their first non-zero contribution; job counters always add 1. */
    void count(int family, double value) {
      if (value <= 0) return;
      double[] cell = counterCells[family];
      if (cell == null) {
        String name = FAMILIES.get(family);
        cell = counters.get(name).computeIfAbsent(labelValues(name, labels), k -> new double[1]);
        counterCells[family] = cell;
      }
      cell[0] += value;
    }

    void observe(int family, double value) {
      Histogram h = histogramCells[family];
      if (h == null) {
        String name = FAMILIES.get(family);
        double[] bounds = name.equals(WAIT_TIME) ? WAIT_BUCKETS : name.equals(DURATION) ? DURATION_BUCKETS
            : RATIO_BUCKETS;
        h = histograms.get(name).computeIfAbsent(labelValues(name, labels), k -> new Histogram(bounds));
        histogramCells[family] = h;
      }
      h.observe(value);
    }
  }

  /** Label values in the catalogue's order; a switched-off label has the empty value (Prometheus: absent). */
  private List<String> labelValues(String family, Labels job) {
    List<String> names = definitions.get(family).labels();
    List<String> values = new ArrayList<>(names.size());
    for (String name : names) {
      values.add(switch (name) {
        case "partition" -> job.partition();
        case "account" -> job.account();
        case "user" -> job.user();
        case "state" -> job.state();
        default -> throw new IllegalStateException(name);
      });
    }
    return List.copyOf(values);
  }

  /** Renders every family (present even while empty, so HELP and TYPE show from the first scrape). */
  synchronized void render(FamilySet out) {
    for (String name : FAMILIES) {
      out.declare(name);
      Map<List<String>, double[]> c = counters.get(name);
      if (c != null) {
        c.forEach((labels, v) -> out.add(name, v[0], labels.toArray(new String[0])));
      } else {
        histograms.get(name).forEach((labels, h) ->
            out.histogram(name, h.bounds, h.cumulative(), h.sum, labels.toArray(new String[0])));
      }
    }
  }

  /** Finished jobs added so far. */
  synchronized long jobsCounted() {
    return jobsCounted;
  }

  /** The value of one counter series (label values in catalogue order), 0 when absent. For tests and status. */
  synchronized double counter(String family, String... labelValues) {
    double[] v = counters.get(family).get(Arrays.asList(labelValues));
    return v == null ? 0 : v[0];
  }

  /** Every series of a counter family: label values (catalogue order) to value. */
  synchronized Map<List<String>, Double> counterSeries(String family) {
    Map<List<String>, Double> out = new LinkedHashMap<>();
    counters.get(family).forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** Sum over every series of a counter family. */
  synchronized double counterSum(String family) {
    double sum = 0;
    for (double[] v : counters.get(family).values()) sum += v[0];
    return sum;
  }

  /** Observations over every series of a histogram family. */
  synchronized long histogramCount(String family) {
    long n = 0;
    for (Histogram h : histograms.get(family).values()) n += h.count;
    return n;
  }

  /** Sum of observations over every series of a histogram family. */
  synchronized double histogramSum(String family) {
    double s = 0;
    for (Histogram h : histograms.get(family).values()) s += h.sum;
    return s;
  }

  private static final class Histogram {
    final double[] bounds;
    final long[] counts;
    double sum;
    long count;

    Histogram(double[] bounds) {
      this.bounds = bounds;
      this.counts = new long[bounds.length];
    }

    void observe(double v) {
      if (Double.isNaN(v)) return;
      for (int i = 0; i < bounds.length; i++) {
        if (v <= bounds[i]) {
          counts[i]++;
          break;
        }
      }
      sum += v;
      count++;
    }

    long[] cumulative() {
      long[] out = new long[counts.length];
      long acc = 0;
      for (int i = 0; i < counts.length; i++) {
        acc += counts[i];
        out[i] = acc;
      }
      return out;
    }
  }
}
