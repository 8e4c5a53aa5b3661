package io.slurmmetrics.metrics;

import io.slurmmetrics.snapshot.ClusterSnapshot;
import io.slurmmetrics.snapshot.EndpointResult;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The exporter's view of itself for one cluster: fetch durations, error counts, last successes. Updated once per
 * refresh (on the refresh thread), read by every scrape; the health families {@code slurm_up},
 * {@code slurm_controller_up}, {@code slurm_database_up} and {@code slurm_info} are rendered here too because they
 * depend on whether a snapshot is servable at scrape time.
 */
final class SelfMetrics {
  /** Fetch durations: from a fast local slurmrestd to a struggling controller. */
  static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final Map<Endpoint, long[]> durationCounts = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, double[]> durationSums = new EnumMap<>(Endpoint.class);
  private final Map<String, Long> errors = new TreeMap<>(); // "endpoint\0kind"
  private final Map<Endpoint, Instant> lastSuccess = new EnumMap<>(Endpoint.class);
  private final Set<Endpoint> unsupported = EnumSet.noneOf(Endpoint.class);
  private Instant lastAttempt;
  private Instant lastCompleteSuccess;

  SelfMetrics(Set<Endpoint> endpoints) {
    for (Endpoint e : endpoints) {
      durationCounts.put(e, new long[DURATION_BUCKETS.length + 1]);
      durationSums.put(e, new double[1]);
    }
  }

  synchronized void record(ClusterSnapshot s, Instant finishedAt) {
    lastAttempt = finishedAt;
    boolean all = true;
    for (Map.Entry<Endpoint, EndpointResult<?>> e : s.results().entrySet()) {
      Endpoint endpoint = e.getKey();
      EndpointResult<?> r = e.getValue();
      observe(endpoint, r.duration());
      Optional<SlurmSourceException> failure = r.failure();
      if (failure.isPresent()) {
        all = false;
        ErrorKind kind = failure.get().kind();
        // an endpoint this Slurm cannot serve is a fact, not an incident: counted when it starts, not every refresh
        boolean repeat = kind == ErrorKind.UNSUPPORTED && !unsupported.add(endpoint);
        if (!repeat) errors.merge(endpoint.label() + "\0" + kind.label(), 1L, Long::sum);
        if (kind != ErrorKind.UNSUPPORTED) unsupported.remove(endpoint);
      } else {
        unsupported.remove(endpoint);
        lastSuccess.put(endpoint, finishedAt);
      }
    }
    if (all) lastCompleteSuccess = finishedAt;
  }

  private void observe(Endpoint e, Duration d) {
    long[] counts = durationCounts.computeIfAbsent(e, k -> new long[DURATION_BUCKETS.length + 1]);
    double seconds = d.toNanos() / 1e9;
    int i = 0;
    while (i < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[i]) i++;
    counts[i]++;
    durationSums.computeIfAbsent(e, k -> new double[1])[0] += seconds;
  }

  synchronized Optional<Instant> lastAttempt() {
    return Optional.ofNullable(lastAttempt);
  }

  synchronized Optional<Instant> lastCompleteSuccess() {
    return Optional.ofNullable(lastCompleteSuccess);
  }

  /** Health and self families for one scrape; {@code servable} is the snapshot this scrape serves, if any. */
  synchronized void render(Optional<ClusterSnapshot> servable, Set<Endpoint> endpoints, Instant now, FamilySet fs) {
    for (Endpoint e : endpoints) {
      boolean up = servable.map(s -> s.isUp(e)).orElse(false);
      fs.add("slurm_up", up ? 1 : 0, e.label());
    }
    boolean controllerUp = servable.flatMap(ClusterSnapshot::ping).map(p -> p.controllerResponding()).orElse(false);
    fs.add("slurm_controller_up", controllerUp ? 1 : 0);
    if (endpoints.contains(Endpoint.DATABASE)) {
      fs.add("slurm_database_up", servable.flatMap(ClusterSnapshot::databaseUp).orElse(false) ? 1 : 0);
    }
    servable.ifPresent(s -> {
      if (!s.slurmVersion().isEmpty()) fs.add("slurm_info", 1, s.slurmVersion(), s.apiVersion(), s.sourceType());
      fs.add("slurm_exporter_snapshot_age_seconds", Math.max(0, s.age(now).toMillis() / 1000.0));
    });

    for (Map.Entry<Endpoint, long[]> e : durationCounts.entrySet()) {
      long[] perBucket = e.getValue();
      double[] bounds = new double[DURATION_BUCKETS.length + 1];
      long[] cumulative = new long[bounds.length];
      long running = 0;
      for (int i = 0; i < bounds.length; i++) {
        bounds[i] = i < DURATION_BUCKETS.length ? DURATION_BUCKETS[i] : Double.POSITIVE_INFINITY;
        running += perBucket[i];
        cumulative[i] = running;
      }
      fs.histogram("slurm_exporter_collect_duration_seconds", bounds, cumulative,
          durationSums.get(e.getKey())[0], e.getKey().label());
    }
    fs.declare("slurm_exporter_collect_errors_total");
    for (Map.Entry<String, Long> e : errors.entrySet()) {
      String[] k = e.getKey().split("\0", 2);
      fs.add("slurm_exporter_collect_errors_total", e.getValue(), k[0], k[1]);
    }
    for (Map.Entry<Endpoint, Instant> e : lastSuccess.entrySet()) {
      fs.add("slurm_exporter_last_success_timestamp_seconds", e.getValue().toEpochMilli() / 1000.0,
          e.getKey().label());
    }
    fs.add(MetricCatalog.BUILD_INFO, 1, BuildInfo.version());
  }

  /**
   * One series per collector group: 1 when the group is in effect for this cluster, else 0. {@code node} reads 0
   * when it was switched off and also when it is left out because the cluster is above the per-node threshold.
   */
  static void renderCollectorsEnabled(Set<CollectorGroup> effective, FamilySet fs) {
    for (CollectorGroup g : CollectorGroup.values()) {
      fs.add("slurm_exporter_collector_enabled", effective.contains(g) ? 1 : 0, g.label());
    }
  }

  /** Renders the dropped-series counter (kept apart so the limiter of the live families does not count itself). */
  static void renderDropped(SeriesLimiter limiter, FamilySet fs) {
    fs.declare("slurm_exporter_series_dropped_total");
    limiter.droppedTotals().forEach((family, n) -> fs.add("slurm_exporter_series_dropped_total", n, family));
  }
}
