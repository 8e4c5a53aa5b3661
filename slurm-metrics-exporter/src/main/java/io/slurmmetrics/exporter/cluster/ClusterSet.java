package io.slurmmetrics.exporter.cluster;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.ClusterStatus;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.exporter.http.ClusterSelection;
import io.slurmmetrics.metrics.MergedCollector;
import io.slurmmetrics.metrics.ScrapeParts;
import io.slurmmetrics.metrics.SlurmCollector;
import io.slurmmetrics.source.SlurmSource;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The clusters one exporter serves, as one client_java collector: a scrape with {@code ?cluster=NAME} gets that
 * cluster's families, a scrape without it gets every cluster's, merged by family name.
 */
public final class ClusterSet implements MultiCollector, ClusterSelection, Closeable {

  /** One configured cluster, its source and its metrics. */
  public record Member(ClusterConfig config, SlurmSource source, SlurmMetrics metrics) {
    public Member {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(metrics, "metrics");
    }

    /** The {@code cluster} label value: configured, else Slurm's ClusterName once known. */
    public String name() {
      return config.name().orElseGet(() -> metrics.status().clusterName());
    }
  }

  private final List<Member> members;
  private final MergedCollector combined;

  public ClusterSet(List<Member> members) {
    if (members.isEmpty()) throw new IllegalArgumentException("no clusters");
    this.members = List.copyOf(members);
    List<SlurmCollector> all = new ArrayList<>();
    for (Member m : members) all.add(m.metrics().collector());
    this.combined = new MergedCollector(all); // what SlurmMetrics.combined builds, typed for collectParts
  }

  public List<Member> members() {
    return members;
  }

  /** Starts every cluster's background refresh. */
  public void start() {
    for (Member m : members) m.metrics().start();
  }

  private Optional<Member> find(String name) {
    for (Member m : members) {
      if (m.name().equals(name)) return Optional.of(m);
    }
    return Optional.empty();
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
    String[] wanted = request == null ? null : request.getParameterValues("cluster");
    if (wanted != null && wanted.length == 1) {
      // the HTTP layer already answered 404 for unknown names; a cluster renamed in between gets nothing
      return find(wanted[0]).map(m -> m.metrics().collector().collect(includedNames, request))
          .orElseGet(MetricSnapshots::new);
    }
    return combined.collect(includedNames, request);
  }

  /** {@link #collect(Predicate, PrometheusScrapeRequest)} split for the telemetry path's per-snapshot cache. */
  @Override
  public Optional<ScrapeParts> scrapeParts(Predicate<String> includedNames, PrometheusScrapeRequest request) {
    String[] wanted = request == null ? null : request.getParameterValues("cluster");
    if (wanted != null && wanted.length == 1) {
      return Optional.of(find(wanted[0]).map(m -> m.metrics().collector().collectParts(includedNames, request))
          .orElseGet(() -> new ScrapeParts(List.of(), new MetricSnapshots(), Set.copyOf(getPrometheusNames()))));
    }
    return Optional.of(combined.collectParts(includedNames, request));
  }

  @Override
  public List<String> getPrometheusNames() {
    return combined.getPrometheusNames();
  }

  @Override
  public MetricType getMetricType(String prometheusName) {
    return combined.getMetricType(prometheusName);
  }

  @Override
  public Set<String> getLabelNames(String prometheusName) {
    return combined.getLabelNames(prometheusName);
  }

  @Override
  public MetricMetadata getMetadata(String prometheusName) {
    return combined.getMetadata(prometheusName);
  }

  @Override
  public List<View> views() {
    List<View> out = new ArrayList<>();
    for (Member m : members) {
      ClusterStatus s = m.metrics().status();
      out.add(new View(m.name(), m.source().name(), s.ready(), s.healthy(), s.lastAttempt(), s.lastError()));
    }
    return out;
  }

  @Override
  public boolean knows(String name) {
    return find(name).isPresent();
  }

  @Override
  public boolean ready() {
    for (Member m : members) {
      if (!m.metrics().status().ready()) return false;
    }
    return true;
  }

  /** Stops refreshing and closes every source. */
  @Override
  public void close() {
    for (Member m : members) {
      m.metrics().close();
      m.source().close();
    }
  }
}
