package io.slurmmetrics.snapshot;

import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.source.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one refresh fetched from one cluster, taken as one unit so that every scrape in an interval sees the same
 * numbers. Endpoints that were not asked for (their collector groups are off) are absent; failed ones hold the failure.
 *
 * @param clusterName  the {@code cluster} label: the configured override, else Slurm's ClusterName, else the source
 *                     name when the ping failed
 * @param slurmVersion Slurm's version from the ping, empty string when unknown
 * @param apiVersion   the REST API version in use, {@code cli} for the command line, empty when unknown
 * @param sourceType   {@code rest} or {@code cli}
 * @param takenAt      when the refresh started
 * @param duration     how long the whole refresh took
 * @param results      the outcome per fetched endpoint, data or failure
 */
public record ClusterSnapshot(String clusterName, String slurmVersion, String apiVersion, String sourceType,
    Instant takenAt, Duration duration, Map<Endpoint, EndpointResult<?>> results) {

  public ClusterSnapshot {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(slurmVersion, "slurmVersion");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(sourceType, "sourceType");
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(duration, "duration");
    results = Collections.unmodifiableMap(results.isEmpty() ? new EnumMap<>(Endpoint.class) : new EnumMap<>(results));
  }

  /** The outcome for one endpoint, empty when it was not fetched. */
  public Optional<EndpointResult<?>> result(Endpoint endpoint) {
    return Optional.ofNullable(results.get(endpoint));
  }

  /** True when the endpoint was fetched and answered. */
  public boolean isUp(Endpoint endpoint) {
    EndpointResult<?> r = results.get(endpoint);
    return r != null && r.isOk();
  }

  /** True when every fetched endpoint answered. */
  public boolean allUp() {
    return results.values().stream().allMatch(EndpointResult::isOk);
  }

  /** The controller ping (cluster name, Slurm and API version); empty when not fetched or when the fetch failed. */
  public Optional<ControllerInfo> ping() {
    return value(Endpoint.PING, ControllerInfo.class);
  }

  /** The nodes; empty when not fetched or when the fetch failed. */
  public Optional<List<Node>> nodes() {
    return list(Endpoint.NODES);
  }

  /** The partitions; empty when not fetched or when the fetch failed. */
  public Optional<List<Partition>> partitions() {
    return list(Endpoint.PARTITIONS);
  }

  /** The jobs slurmctld holds (pending, running, recently finished); empty when not fetched or when the fetch failed. */
  public Optional<List<Job>> jobs() {
    return list(Endpoint.JOBS);
  }

  /**
   * The steps of the running jobs (from slurmdbd, finished steps of running jobs included); empty when not fetched
   * or when the fetch failed, which leaves the jobs from slurmctld untouched.
   */
  public Optional<List<JobStep>> steps() {
    return list(Endpoint.STEPS);
  }

  /** The reservations; empty when not fetched or when the fetch failed. */
  public Optional<List<Reservation>> reservations() {
    return list(Endpoint.RESERVATIONS);
  }

  /** The licenses; empty when not fetched or when the fetch failed. */
  public Optional<List<License>> licenses() {
    return list(Endpoint.LICENSES);
  }

  /** The scheduler statistics ({@code sdiag}); empty when not fetched or when the fetch failed. */
  public Optional<SchedulerStats> diag() {
    return value(Endpoint.DIAG, SchedulerStats.class);
  }

  /** The fair-share tree ({@code sshare}); empty when not fetched or when the fetch failed. */
  public Optional<List<FairShare>> shares() {
    return list(Endpoint.SHARES);
  }

  /** The database ping: present and true when slurmdbd answered, false when it failed, empty when not asked. */
  public Optional<Boolean> databaseUp() {
    EndpointResult<?> r = results.get(Endpoint.DATABASE);
    return r == null ? Optional.empty() : Optional.of(r.isOk());
  }

  /** How old this snapshot is at {@code now}. */
  public Duration age(Instant now) {
    return Duration.between(takenAt, now);
  }

  private <T> Optional<T> value(Endpoint e, Class<T> type) {
    EndpointResult<?> r = results.get(e);
    if (r == null) return Optional.empty();
    return r.value().map(type::cast);
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<List<T>> list(Endpoint e) {
    EndpointResult<?> r = results.get(e);
    if (r == null) return Optional.empty();
    return r.value().map(v -> (List<T>) v);
  }
}
