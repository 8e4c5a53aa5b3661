package io.slurmmetrics.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link FamilyProvider} needs to render families consistent with the core ones.
 *
 * @param commonLabels {@code cluster} plus the configured constant labels: every Slurm series carries them
 * @param enabled      the collector groups switched on
 * @param seriesLimitPerFamily hard cap on series per family; providers drop (and count) series beyond it
 */
public record FamilyContext(String clusterName, Labels commonLabels, Set<CollectorGroup> enabled,
    int seriesLimitPerFamily, Clock clock) {

  public FamilyContext {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(commonLabels, "commonLabels");
    enabled = Set.copyOf(enabled);
    Objects.requireNonNull(clock, "clock");
  }

  public boolean isEnabled(CollectorGroup group) {
    return enabled.contains(group);
  }
}
