package io.slurmmetrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.accounting.AccountingOptions;
import io.slurmmetrics.accounting.AccountingProvider;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.metrics.FamilyProvider;
import io.slurmmetrics.metrics.MergedCollector;
import io.slurmmetrics.metrics.SlurmCollector;
import io.slurmmetrics.snapshot.SnapshotRefresher;
import io.slurmmetrics.source.SlurmSource;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Slurm metrics for one cluster, ready to register into any client_java {@link PrometheusRegistry}.
 *
 * <pre>{@code
 * SlurmMetrics slurm = SlurmMetrics.builder()
 *     .source(source)
 *     .refreshInterval(Duration.ofSeconds(30))
 *     .disable(CollectorGroup.NODE)
 *     .build();
 * slurm.start();                 // optional: refresh in the background instead of on the first scrape
 * slurm.register(registry);
 * ...
 * slurm.close();                 // stops refreshing, unregisters nothing, closes no source it did not get
 * }</pre>
 *
 * <p>Scrapes never throw and never wait longer than their budget: the {@code X-Prometheus-Scrape-Timeout-Seconds}
 * header when the HTTP layer passes it (read from client_java's HTTP request), else {@link Builder#scrapeTimeout}.
 */
public final class SlurmMetrics implements Closeable {
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final SlurmSource source;
  private final SnapshotRefresher refresher;
  private final SlurmCollector collector;
  private final List<FamilyProvider> providers;
  private final Object lock = new Object();
  private boolean started; // guarded by lock
  private boolean closed; // guarded by lock

  private SlurmMetrics(Builder b) {
    this.source = Objects.requireNonNull(b.source, "source is required");
    this.providers = List.copyOf(b.providers);
    SlurmCollector.Config config = new SlurmCollector.Config(b.groups, b.constLabels, b.seriesLimitPerFamily,
        b.scrapeTimeout, b.clock, b.explicitGroups, b.nodeSeriesMaxNodes);
    SnapshotRefresher.Builder rb = SnapshotRefresher.builder()
        .source(source)
        .endpoints(SlurmCollector.endpointsFor(b.groups))
        .clusterName(b.clusterName)
        .refreshInterval(b.refreshInterval)
        .clock(b.clock);
    if (b.maxAge != null) rb.maxAge(b.maxAge);
    this.collector = new SlurmCollector(config, providers, rb);
    this.refresher = collector.refresher();
  }

  /** A builder; only {@link Builder#source} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts refreshing in the background (a daemon thread) and starts the family providers. Without it, the first
   * scrape of each interval triggers the refresh. Idempotent.
   */
  public SlurmMetrics start() {
    synchronized (lock) {
      if (closed) throw new IllegalStateException("closed");
      if (started) return this;
      started = true;
    }
    refresher.start();
    for (FamilyProvider p : providers) {
      p.start(source, collector.familyContext());
    }
    return this;
  }

  /** Registers the collector; fails (naming the family) when a name clashes with one already registered. */
  public void register(PrometheusRegistry registry) {
    registry.register(collector);
  }

  /** Removes the collector from {@code registry}, e.g. before closing this instance while the registry lives on. */
  public void unregister(PrometheusRegistry registry) {
    registry.unregister(collector);
  }

  /** The client_java collector, for callers that register it themselves or combine clusters. */
  public SlurmCollector collector() {
    return collector;
  }

  /** One scrape with an explicit budget (what the HTTP layer passes from the scrape timeout header). */
  public MetricSnapshots collect(Duration budget) {
    return collector.collect(budget);
  }

  /** Health of the last refresh, for landing pages and readiness probes. */
  public ClusterStatus status() {
    return collector.status();
  }

  /**
   * Groups switched on for this cluster by configuration. {@link CollectorGroup#NODE} may still be left out of a
   * snapshot above {@link Builder#nodeSeriesMaxNodes}; {@code slurm_exporter_collector_enabled} shows what is in
   * effect.
   */
  public Set<CollectorGroup> enabledGroups() {
    return collector.familyContext().enabled();
  }

  /**
   * One collector for several clusters registered in one registry: families with the same name are merged (a
   * registry refuses two collectors emitting the same name and label names).
   */
  public static MultiCollector combined(Collection<SlurmMetrics> clusters) {
    List<SlurmCollector> collectors = new ArrayList<>();
    for (SlurmMetrics m : clusters) collectors.add(m.collector);
    return new MergedCollector(collectors);
  }

  /** Stops background refresh and closes the family providers. The source is the caller's to close. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) return;
      closed = true;
    }
    refresher.close();
    for (FamilyProvider p : providers) {
      try {
        p.close();
      } catch (RuntimeException e) {
        System.getLogger(SlurmMetrics.class.getName())
            .log(System.Logger.Level.WARNING, "slurm-metrics: closing family provider failed: " + e);
      }
    }
  }

  /** Configures a {@link SlurmMetrics}; every setting but {@link #source} has a default fit for production. */
  public static final class Builder {
    private SlurmSource source;
    private String clusterName;
    private final Map<String, String> constLabels = new LinkedHashMap<>();
    private Duration refreshInterval = Duration.ofSeconds(30);
    private Duration maxAge;
    private Duration scrapeTimeout = Duration.ofSeconds(10);
    private final EnumSet<CollectorGroup> groups = EnumSet.copyOf(CollectorGroup.defaults());
    private final EnumSet<CollectorGroup> explicitGroups = EnumSet.noneOf(CollectorGroup.class);
    private int nodeSeriesMaxNodes = CollectorGroup.NODE_SERIES_MAX_NODES_DEFAULT;
    private int seriesLimitPerFamily = 10_000;
    private Clock clock = Clock.systemUTC();
    private final List<FamilyProvider> providers = new ArrayList<>();

    private Builder() {}

    /** Where the data comes from (required). */
    public Builder source(SlurmSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The {@code cluster} label value; default Slurm's ClusterName. */
    public Builder clusterName(String clusterName) {
      if (clusterName != null && clusterName.isBlank()) {
        throw new IllegalArgumentException("clusterName must not be blank");
      }
      this.clusterName = clusterName;
      return this;
    }

    /** Labels added to every Slurm series (e.g. {@code site}); must not be {@code cluster} or a metric's label. */
    public Builder constLabels(Map<String, String> labels) {
      for (Map.Entry<String, String> e : labels.entrySet()) {
        String name = Objects.requireNonNull(e.getKey(), "label name");
        if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
          throw new IllegalArgumentException("invalid constant label name: " + name);
        }
        if (name.equals("cluster")) {
          throw new IllegalArgumentException("constant label 'cluster' is reserved: use clusterName()");
        }
        constLabels.put(name, Objects.requireNonNull(e.getValue(), "value of label " + name));
      }
      return this;
    }

    /** How often to fetch a new snapshot; default 30 s. */
    public Builder refreshInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("refreshInterval must be positive: " + interval);
      }
      this.refreshInterval = interval;
      return this;
    }

    /** Data older than this is not served (families left out, {@code slurm_up 0}); default 3 x refresh interval. */
    public Builder maxAge(Duration maxAge) {
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /** The scrape budget when the scrape request carries no timeout header; default 10 s. */
    public Builder scrapeTimeout(Duration timeout) {
      if (timeout.isNegative()) throw new IllegalArgumentException("scrapeTimeout must not be negative: " + timeout);
      this.scrapeTimeout = timeout;
      return this;
    }

    /**
     * Adds groups to the enabled ones (the defaults unless {@link #collectors} replaced them). Naming
     * {@link CollectorGroup#NODE} here keeps the per-node families at any cluster size (see
     * {@link #nodeSeriesMaxNodes}).
     */
    public Builder enable(CollectorGroup... groups) {
      this.groups.addAll(List.of(groups));
      this.explicitGroups.addAll(List.of(groups));
      return this;
    }

    /** Removes groups from the enabled ones, e.g. a costly or unsupported endpoint's families. */
    public Builder disable(CollectorGroup... groups) {
      for (CollectorGroup g : groups) {
        this.groups.remove(g);
        this.explicitGroups.remove(g);
      }
      return this;
    }

    /**
     * Exactly these groups (replacing the defaults). Every group named is enabled explicitly: a set containing
     * {@link CollectorGroup#NODE} keeps the per-node families at any cluster size (see {@link #nodeSeriesMaxNodes}).
     */
    public Builder collectors(Set<CollectorGroup> groups) {
      this.groups.clear();
      this.groups.addAll(groups);
      this.explicitGroups.clear();
      this.explicitGroups.addAll(groups);
      return this;
    }

    /**
     * The largest cluster (in nodes) whose per-node families ({@code slurm_node_*}, group
     * {@link CollectorGroup#NODE}) are rendered while that group is on by default; default
     * {@value CollectorGroup#NODE_SERIES_MAX_NODES_DEFAULT}. Above it they are left out, so a 10,000-node cluster's
     * default scrape stays under 50,000 samples; {@code enable(CollectorGroup.NODE)} keeps them at any size and
     * {@code disable(CollectorGroup.NODE)} drops them at any size. Decided on every refresh from the node count; each
     * switch is logged once and shown by {@code slurm_exporter_collector_enabled{collector="node"}}.
     *
     * @throws IllegalArgumentException when {@code maxNodes} is below 1 (to turn per-node series off, disable the
     *                                  group)
     */
    public Builder nodeSeriesMaxNodes(int maxNodes) {
      if (maxNodes < 1) {
        throw new IllegalArgumentException("nodeSeriesMaxNodes must be at least 1 (to leave per-node series out at "
            + "any size, disable(CollectorGroup.NODE)): " + maxNodes);
      }
      this.nodeSeriesMaxNodes = maxNodes;
      return this;
    }

    /** Hard cap on series per family; series beyond it are dropped and counted. Default 10,000. */
    public Builder seriesLimitPerFamily(int limit) {
      if (limit < 1) throw new IllegalArgumentException("seriesLimitPerFamily must be positive: " + limit);
      this.seriesLimitPerFamily = limit;
      return this;
    }

    /** The one clock for refresh scheduling and data age; default UTC system clock. For tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Finished-job counters and histograms from slurmdbd ({@code slurm_jobs_completed_total}, CPU hours, wait time,
     * efficiency, waste), polled on their own daemon thread from {@link SlurmMetrics#start()}; see
     * {@code docs/accounting.md}.
     */
    public Builder accounting(AccountingOptions options) {
      return familyProvider(new AccountingProvider(options));
    }

    /** Extra families rendered into this collector (the accounting package's seam). */
    public Builder familyProvider(FamilyProvider provider) {
      this.providers.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** The configured instance; nothing is fetched until {@link SlurmMetrics#start()} or the first scrape. */
    public SlurmMetrics build() {
      return new SlurmMetrics(this);
    }
  }
}
