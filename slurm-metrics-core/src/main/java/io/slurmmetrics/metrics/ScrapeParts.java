package io.slurmmetrics.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One scrape of Slurm families split by how long they stay the same, for an HTTP layer that encodes the per-snapshot
 * part once and reuses the bytes (the exporter's {@code /metrics}). Together the two parts are exactly what
 * {@code collect} answers for the same request.
 *
 * @param perSnapshot the families rendered once per snapshot, one set per cluster whose snapshot may be served now (in
 *                    cluster order), unfiltered; each is the very object every scrape of that snapshot gets, so
 *                    compare them by identity. Empty when no snapshot may be served (none yet, failed, older than
 *                    the maximum age): then nothing cached for an earlier snapshot may be served either
 * @param live        the families computed for this scrape (health, self, providers), already filtered by the
 *                    scrape's names and merged across clusters. None of them has the name of a family in
 *                    {@code perSnapshot} of the same cluster; across clusters the caller checks
 * @param declared    every family name these collectors can emit (a registry scrape of the rest leaves them out)
 */
public record ScrapeParts(List<MetricSnapshots> perSnapshot, MetricSnapshots live, Set<String> declared) {
  public ScrapeParts {
    perSnapshot = List.copyOf(perSnapshot);
    java.util.Objects.requireNonNull(live, "live");
    declared = Set.copyOf(declared);
  }

  /**
   * The per-snapshot families {@code includedNames} accepts, merged by name across clusters as a combined
   * collector merges them (series with identical labels kept once). New objects on every call: encode, then drop.
   */
  public MetricSnapshots perSnapshotFamilies(Predicate<String> includedNames) {
    Map<String, List<MetricSnapshot>> byName = new LinkedHashMap<>();
    for (MetricSnapshots set : perSnapshot) {
      for (MetricSnapshot m : set) {
        String name = m.getMetadata().getPrometheusName();
        if (includedNames.test(name)) byName.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
      }
    }
    List<MetricSnapshot> out = new ArrayList<>(byName.size());
    for (List<MetricSnapshot> parts : byName.values()) out.add(MergedCollector.merge(parts));
    return new MetricSnapshots(out);
  }
}
