package io.slurmmetrics.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of every metric family we expose. The collector, the generated {@code docs/metrics.md} and the rule
 * checks all read it; a family that is not here cannot be emitted.
 */
public final class MetricCatalog {
  /** The exporter's own build info: the only family without a {@code cluster} label. */
  public static final String BUILD_INFO = "slurm_exporter_build_info";

  private static final Map<String, MetricDefinition> BY_NAME = new LinkedHashMap<>();

  static {
    CatalogEntries.register(BY_NAME);
  }

  private MetricCatalog() {}

  /** Every family, in documentation order. */
  public static List<MetricDefinition> all() {
    return List.copyOf(BY_NAME.values());
  }

  /** The family of that exposed name, empty when it is not ours. */
  public static Optional<MetricDefinition> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * The labels a family carries with these groups on: accounting families lose {@code user} when
   * {@link CollectorGroup#ACCOUNTING_USER} is off (their values are then summed over users).
   */
  public static List<String> effectiveLabels(MetricDefinition d, Set<CollectorGroup> enabled) {
    if (d.group().orElse(null) == CollectorGroup.ACCOUNTING && !enabled.contains(CollectorGroup.ACCOUNTING_USER)) {
      return d.labels().stream().filter(l -> !l.equals("user")).toList();
    }
    return d.labels();
  }

  /** The family with this exposed name; fails fast naming it when it is not in the catalogue. */
  public static MetricDefinition get(String name) {
    MetricDefinition d = BY_NAME.get(name);
    if (d == null) throw new IllegalArgumentException("not in the metric catalogue: " + name);
    return d;
  }
}
