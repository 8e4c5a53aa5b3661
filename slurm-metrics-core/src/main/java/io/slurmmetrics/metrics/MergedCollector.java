package io.slurmmetrics.metrics;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Several clusters as one collector: a registry accepts each family name once per label schema, so the families of
 * all clusters are merged by name (their {@code cluster} labels keep the series apart; identical series, such as the
 * build info, are kept once).
 */
public final class MergedCollector implements MultiCollector {
  private final List<SlurmCollector> collectors;

  /** Merges these clusters' collectors (at least one); a scrape gives all of them one shared budget. */
  public MergedCollector(List<SlurmCollector> collectors) {
    if (collectors.isEmpty()) throw new IllegalArgumentException("no clusters to combine");
    this.collectors = List.copyOf(collectors);
  }

  @Override
  public MetricSnapshots collect() {
    return collect(name -> true, null);
  }

  @Override
  public MetricSnapshots collect(PrometheusScrapeRequest request) {
    return collect(name -> true, request);
  }

  @Override
  public MetricSnapshots collect(Predicate<String> includedNames) {
    return collect(includedNames, null);
  }

  @Override
  public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
    // one deadline for all clusters: every due refresh starts first (they fetch in parallel), then each cluster
    // waits only for what is left of the budget
    long deadline = System.nanoTime() + collectors.get(0).budget(request).toNanos();
    for (SlurmCollector c : collectors) c.startRefreshIfDue();
    Map<String, List<MetricSnapshot>> byName = new LinkedHashMap<>();
    for (SlurmCollector c : collectors) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      for (MetricSnapshot m : c.collectWithin(includedNames, left)) {
        byName.computeIfAbsent(m.getMetadata().getPrometheusName(), k -> new ArrayList<>()).add(m);
      }
    }
    List<MetricSnapshot> out = new ArrayList<>(byName.size());
    for (List<MetricSnapshot> parts : byName.values()) out.add(merge(parts));
    return new MetricSnapshots(out);
  }

  /**
   * The same scrape as {@link #collect(Predicate, PrometheusScrapeRequest)}, split into the families rendered once per
   * snapshot of each cluster and the live ones (see {@link ScrapeParts}), for an HTTP layer that caches encodings.
   */
  public ScrapeParts collectParts(Predicate<String> includedNames, PrometheusScrapeRequest request) {
    long deadline = System.nanoTime() + collectors.get(0).budget(request).toNanos();
    for (SlurmCollector c : collectors) c.startRefreshIfDue();
    List<MetricSnapshots> perSnapshot = new ArrayList<>();
    Map<String, List<MetricSnapshot>> liveByName = new LinkedHashMap<>();
    for (SlurmCollector c : collectors) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      ScrapeParts p = c.partsWithin(includedNames, left);
      perSnapshot.addAll(p.perSnapshot());
      for (MetricSnapshot m : p.live()) {
        liveByName.computeIfAbsent(m.getMetadata().getPrometheusName(), k -> new ArrayList<>()).add(m);
      }
    }
    List<MetricSnapshot> live = new ArrayList<>(liveByName.size());
    for (List<MetricSnapshot> parts : liveByName.values()) live.add(merge(parts));
    return new ScrapeParts(perSnapshot, new MetricSnapshots(live), new LinkedHashSet<>(getPrometheusNames()));
  }

  /** One family from the same-named families of several clusters; series with identical labels are kept once. */
  @SuppressWarnings("unchecked")
  static MetricSnapshot merge(List<MetricSnapshot> parts) {
    if (parts.size() == 1) return parts.get(0);
    MetricSnapshot first = parts.get(0);
    MetricMetadata meta = first.getMetadata();
    Set<Labels> seen = new HashSet<>();
    List<DataPointSnapshot> points = new ArrayList<>();
    for (MetricSnapshot p : parts) {
      for (DataPointSnapshot d : p.getDataPoints()) {
        if (seen.add(d.getLabels())) points.add(d);
      }
    }
    if (first instanceof GaugeSnapshot) {
      return new GaugeSnapshot(meta, (List<GaugeSnapshot.GaugeDataPointSnapshot>) (List<?>) points);
    } else if (first instanceof CounterSnapshot) {
      return new CounterSnapshot(meta, (List<CounterSnapshot.CounterDataPointSnapshot>) (List<?>) points);
    } else if (first instanceof HistogramSnapshot) {
      return new HistogramSnapshot(meta, (List<HistogramSnapshot.HistogramDataPointSnapshot>) (List<?>) points);
    } else if (first instanceof InfoSnapshot) {
      return new InfoSnapshot(meta, (List<InfoSnapshot.InfoDataPointSnapshot>) (List<?>) points);
    }
    return first;
  }

  @Override
  public List<String> getPrometheusNames() {
    Set<String> names = new LinkedHashSet<>();
    for (SlurmCollector c : collectors) names.addAll(c.getPrometheusNames());
    return List.copyOf(names);
  }

  @Override
  public MetricType getMetricType(String prometheusName) {
    for (SlurmCollector c : collectors) {
      MetricType t = c.getMetricType(prometheusName);
      if (t != null) return t;
    }
    return null;
  }

  @Override
  public Set<String> getLabelNames(String prometheusName) {
    for (SlurmCollector c : collectors) {
      Set<String> l = c.getLabelNames(prometheusName);
      if (l != null) return l;
    }
    return null;
  }

  @Override
  public MetricMetadata getMetadata(String prometheusName) {
    for (SlurmCollector c : collectors) {
      MetricMetadata m = c.getMetadata(prometheusName);
      if (m != null) return m;
    }
    return null;
  }
}
