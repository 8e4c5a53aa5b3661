package io.slurmmetrics.exporter.http;

import java.util.List;
import java.util.Optional;

/**
 * What the HTTP layer needs from the running clusters: names for {@code ?cluster=}, health for the landing page and
 * the readiness probe. Implemented by the exporter's cluster set; kept small so the server is testable alone.
 */
public interface ClusterSelection {

  /** One cluster as the landing page shows it. */
  record View(String name, String source, boolean ready, boolean healthy, Optional<java.time.Instant> lastRefresh,
      Optional<String> lastError) {}

  List<View> views();

  /** True when {@code name} selects a cluster ({@code ?cluster=name}). */
  boolean knows(String name);

  /** True once every cluster has finished its first refresh. */
  boolean ready();
}
