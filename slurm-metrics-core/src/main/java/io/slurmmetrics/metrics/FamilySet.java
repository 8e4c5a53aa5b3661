package io.slurmmetrics.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds metric families from catalogue definitions in one render pass: label values are sanitised, the common labels
 * ({@code cluster} and constant labels) added, values for the same label values summed, and each family capped at the
 * series limit (the overflow is reported to {@link SeriesLimiter}). Families of disabled groups are silently skipped,
 * so renderers need not check switches family by family.
 */
public final class FamilySet {
  private final Labels commonLabels;
  private final Set<CollectorGroup> enabled;
  private final SeriesLimiter limiter;
  private final Map<String, Family> families = new LinkedHashMap<>();

  /** Usually made by {@link FamilyContext#newFamilySet()}, which passes the cluster's labels, switches and cap. */
  public FamilySet(Labels commonLabels, Set<CollectorGroup> enabled, SeriesLimiter limiter) {
    this.commonLabels = commonLabels;
    this.enabled = enabled;
    this.limiter = limiter;
  }

  /** Whether family {@code name} would be rendered (its group is on); lets a renderer skip costly work. */
  public boolean isEnabled(String name) {
    return MetricCatalog.get(name).enabledIn(enabled);
  }

  /**
   * Adds {@code value} to the series of family {@code name} with these label values (in the catalogue's label order).
   * Does nothing when the family's group is off.
   */
  public FamilySet add(String name, double value, String... labelValues) {
    Family f = family(name);
    if (f == null) return this;
    f.add(value, labelValues);
    return this;
  }

  /** Makes the family present even when it has no series (so a zero-job cluster still shows the name's HELP). */
  public FamilySet declare(String name) {
    family(name);
    return this;
  }

  /** Adds one histogram series (only for HISTOGRAM families). */
  public FamilySet histogram(String name, double[] upperBounds, long[] cumulativeCounts, double sum,
      String... labelValues) {
    Family f = family(name);
    if (f == null) return this;
    if (f.def.type() != MetricDefinition.Type.HISTOGRAM) throw new IllegalArgumentException(name + " is no histogram");
    List<String> key = f.key(labelValues);
    if (!f.histograms.containsKey(key) && f.size() >= limiter.limit()) {
      limiter.dropped(name, 1);
      return this;
    }
    f.histograms.put(key, new Hist(upperBounds.clone(), cumulativeCounts.clone(), sum));
    return this;
  }

  private Family family(String name) {
    Family f = families.get(name);
    if (f != null) return f;
    MetricDefinition def = MetricCatalog.get(name);
    if (!def.enabledIn(enabled)) return null;
    f = new Family(def);
    families.put(name, f);
    return f;
  }

  /** The families rendered so far, in the order they were first touched. */
  public MetricSnapshots build() {
    List<MetricSnapshot> out = new ArrayList<>(families.size());
    for (Family f : families.values()) out.add(f.snapshot());
    return new MetricSnapshots(out);
  }

  private record Hist(double[] bounds, long[] counts, double sum) {}

  private final class Family {
    final MetricDefinition def;
    final Map<List<String>, double[]> values = new LinkedHashMap<>();
    final Map<List<String>, Hist> histograms = new LinkedHashMap<>();
    final boolean reasonLabel;

    Family(MetricDefinition def) {
      this.def = def;
      this.reasonLabel = def.labels().contains("reason");
    }

    int size() {
      return values.size() + histograms.size();
    }

    List<String> key(String... labelValues) {
      if (labelValues.length != def.labels().size()) {
        throw new IllegalArgumentException(def.name() + " takes labels " + def.labels() + ", got "
            + Arrays.toString(labelValues));
      }
      String[] clean = new String[labelValues.length];
      for (int i = 0; i < clean.length; i++) {
        int max = reasonLabel && def.labels().get(i).equals("reason") ? LabelValues.MAX_REASON_LENGTH
            : LabelValues.MAX_LENGTH;
        clean[i] = LabelValues.sanitize(labelValues[i], max);
      }
      return Arrays.asList(clean);
    }

    void add(double value, String... labelValues) {
      List<String> key = key(labelValues);
      double[] cell = values.get(key);
      if (cell == null) {
        if (size() >= limiter.limit()) {
          limiter.dropped(def.name(), 1);
          return;
        }
        values.put(key, new double[] {value});
      } else {
        cell[0] += value;
      }
    }

    Labels labels(List<String> key) {
      Labels own = Labels.of(def.labels(), key);
      // build info describes the exporter, not a cluster: identical for every cluster, so it merges cleanly
      return def.name().equals(MetricCatalog.BUILD_INFO) ? own : commonLabels.merge(own);
    }

    MetricSnapshot snapshot() {
      String help = def.help();
      Unit unit = unit(def.unit());
      switch (def.type()) {
        case GAUGE -> {
          GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(def.prometheusName()).help(help);
          if (unit != null) b.unit(unit);
          values.forEach((k, v) -> b.dataPoint(
              GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(k)).value(v[0]).build()));
          return b.build();
        }
        case COUNTER -> {
          CounterSnapshot.Builder b = CounterSnapshot.builder().name(def.prometheusName()).help(help);
          if (unit != null) b.unit(unit);
          values.forEach((k, v) -> b.dataPoint(
              CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels(k)).value(v[0]).build()));
          return b.build();
        }
        case INFO -> {
          InfoSnapshot.Builder b = InfoSnapshot.builder().name(def.prometheusName()).help(help);
          values.forEach((k, v) -> b.dataPoint(
              InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels(k)).build()));
          return b.build();
        }
        case HISTOGRAM -> {
          HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(def.prometheusName()).help(help);
          if (unit != null) b.unit(unit);
          histograms.forEach((k, h) -> b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
              .labels(labels(k))
              .classicHistogramBuckets(ClassicHistogramBuckets.of(h.bounds(), nonCumulative(h.counts())))
              .sum(h.sum())
              .build()));
          return b.build();
        }
        default -> throw new IllegalStateException(def.type().toString());
      }
    }
  }

  /** client_java wants per-bucket (not cumulative) counts. */
  private static long[] nonCumulative(long[] cumulative) {
    long[] out = new long[cumulative.length];
    long prev = 0;
    for (int i = 0; i < cumulative.length; i++) {
      out[i] = cumulative[i] - prev;
      prev = cumulative[i];
    }
    return out;
  }

  static Unit unit(String unit) {
    return switch (unit) {
      case "" -> null;
      case "bytes" -> Unit.BYTES;
      case "seconds" -> Unit.SECONDS;
      case "ratio" -> Unit.RATIO;
      default -> new Unit(unit);
    };
  }
}
