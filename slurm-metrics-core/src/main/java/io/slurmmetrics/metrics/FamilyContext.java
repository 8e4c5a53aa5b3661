package io.slurmmetrics.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link FamilyProvider} needs to render families consistent with the core ones.
 *
 * @param commonLabels  {@code cluster} plus the configured constant labels: every Slurm series carries them
 * @param enabled       the collector groups switched on
 * @param seriesLimiter the cluster's one series cap; a {@link FamilySet} built with it reports drops in
 *                      {@code slurm_exporter_series_dropped_total} like every core family (drops count per
 *                      render: core families render once per refresh, so a provider should render once per
 *                      update of its own data too, not on every scrape)
 */
public record FamilyContext(String clusterName, Labels commonLabels, Set<CollectorGroup> enabled,
    SeriesLimiter seriesLimiter, Clock clock) {

  public FamilyContext {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(commonLabels, "commonLabels");
    enabled = Set.copyOf(enabled);
    Objects.requireNonNull(seriesLimiter, "seriesLimiter");
    Objects.requireNonNull(clock, "clock");
  }

  /** Whether the user switched {@code group} on. */
  public boolean isEnabled(CollectorGroup group) {
    return enabled.contains(group);
  }

  /** Hard cap on series per family. */
  public int seriesLimitPerFamily() {
    return seriesLimiter.limit();
  }

  /** A family set for this context: common labels, switches and the shared series cap. */
  public FamilySet newFamilySet() {
    return new FamilySet(commonLabels, enabled, seriesLimiter);
  }
}
