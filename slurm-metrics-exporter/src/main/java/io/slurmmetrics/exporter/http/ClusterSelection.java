package io.slurmmetrics.exporter.http;

import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.slurmmetrics.metrics.ScrapeParts;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

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

  /**
   * The Slurm families of one scrape, for the clusters the request's {@code ?cluster=} selects, split into what is
   * rendered once per snapshot and what is live (see {@link ScrapeParts}), so the telemetry path can encode the first
   * part once per snapshot. Empty when this selection cannot split: then client_java's handler serves the whole
   * registry, encoding everything on every scrape.
   */
  default Optional<ScrapeParts> scrapeParts(Predicate<String> includedNames, PrometheusScrapeRequest request) {
    return Optional.empty();
  }
}
