package io.slurmmetrics.metrics;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.ClusterStatus;
import io.slurmmetrics.snapshot.ClusterSnapshot;
import io.slurmmetrics.snapshot.SnapshotRefresher;
import io.slurmmetrics.source.Endpoint;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The client_java {@link MultiCollector} for one cluster. Families are computed once per snapshot (on the refresh
 * thread) and cached; a scrape only picks the current cached families and adds the health and self families.
 * {@link #collect()} never throws: failures become {@code slurm_up{source} 0}, error counts and missing families.
 */
public final class SlurmCollector implements MultiCollector {
  private static final System.Logger LOG = System.getLogger(SlurmCollector.class.getName());
  /** Kept free of the scrape timeout so the answer reaches Prometheus before it gives up. */
  static final Duration SCRAPE_MARGIN = Duration.ofMillis(500);
  static final String TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

  /**
   * Settings shared by the collector and its renderers.
   *
   * @param constLabels labels added to every Slurm series besides {@code cluster}
   * @param explicitGroups the groups the user named rather than left at their default (an explicit {@code node}
   *                    keeps per-node series above {@code nodeSeriesMaxNodes})
   * @param nodeSeriesMaxNodes the largest cluster whose per-node series are on by default (at least 1)
   */
  public record Config(Set<CollectorGroup> groups, Map<String, String> constLabels, int seriesLimitPerFamily,
      Duration scrapeTimeout, Clock clock, Set<CollectorGroup> explicitGroups, int nodeSeriesMaxNodes) {
    /** No group named explicitly, the default per-node threshold. */
    public Config(Set<CollectorGroup> groups, Map<String, String> constLabels, int seriesLimitPerFamily,
        Duration scrapeTimeout, Clock clock) {
      this(groups, constLabels, seriesLimitPerFamily, scrapeTimeout, clock, Set.of(),
          CollectorGroup.NODE_SERIES_MAX_NODES_DEFAULT);
    }

    public Config {
      groups = Set.copyOf(groups);
      explicitGroups = Set.copyOf(explicitGroups);
      if (nodeSeriesMaxNodes < 1) {
        throw new IllegalArgumentException("nodeSeriesMaxNodes must be at least 1: " + nodeSeriesMaxNodes);
      }
      constLabels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(constLabels));
      Objects.requireNonNull(scrapeTimeout, "scrapeTimeout");
      Objects.requireNonNull(clock, "clock");
    }
  }

  /** The live families are small and fixed by configuration: they are never capped. */
  private static final SeriesLimiter UNLIMITED = new SeriesLimiter(Integer.MAX_VALUE);

  private final Config config;
  private final List<FamilyProvider> providers;
  private final SnapshotRefresher refresher;
  private final SelfMetrics self;
  private final SchedulerCounters schedulerCounters = new SchedulerCounters();
  private final SeriesLimiter limiter;
  private final NodeSeriesSwitch nodeSeries;
  private final Map<String, MetricDefinition> definitions = new LinkedHashMap<>();
  private volatile Rendered rendered;

  private record Rendered(ClusterSnapshot snapshot, MetricSnapshots families) {}

  /** Built by {@code SlurmMetrics}; takes the refresher's settings and installs itself as its listener. */
  public SlurmCollector(Config config, List<FamilyProvider> providers, SnapshotRefresher.Builder refresher) {
    this.config = Objects.requireNonNull(config, "config");
    this.providers = List.copyOf(providers);
    this.limiter = new SeriesLimiter(config.seriesLimitPerFamily());
    this.nodeSeries = new NodeSeriesSwitch(config.groups(), config.explicitGroups(), config.nodeSeriesMaxNodes());
    this.refresher = refresher.listener(this::onSnapshot).build();
    this.self = new SelfMetrics(this.refresher.endpoints());
    for (MetricDefinition d : MetricCatalog.all()) {
      if (d.enabledIn(config.groups()) && !isProviderOnly(d)) definitions.put(d.prometheusName(), d);
    }
    for (FamilyProvider p : this.providers) {
      for (MetricDefinition d : p.definitions()) {
        MetricCatalog.get(d.name()); // fail fast on a family outside the catalogue
        if (d.enabledIn(config.groups())) definitions.put(d.prometheusName(), d);
      }
    }
  }

  /** Families the accounting package renders: registered only when a provider for them is plugged in. */
  private static boolean isProviderOnly(MetricDefinition d) {
    return d.source().equals(Endpoint.ACCOUNTING_JOBS.label());
  }

  /** The endpoints a refresh must fetch for these groups ({@code ping} always). */
  public static Set<Endpoint> endpointsFor(Set<CollectorGroup> groups) {
    EnumSet<Endpoint> e = EnumSet.of(Endpoint.PING);
    for (CollectorGroup g : groups) {
      switch (g) {
        case PARTITION -> {
          e.add(Endpoint.NODES);
          e.add(Endpoint.PARTITIONS);
        }
        case CLUSTER, NODES, NODE -> e.add(Endpoint.NODES);
        case JOBS, USER, ACCOUNT -> e.add(Endpoint.JOBS);
        case JOB -> { // per job from slurmctld, per step from slurmdbd (slurmrestd lists no live steps)
          e.add(Endpoint.JOBS);
          e.add(Endpoint.STEPS);
        }
        case RESERVATION -> e.add(Endpoint.RESERVATIONS);
        case LICENSE -> e.add(Endpoint.LICENSES);
        case SCHEDULER, RPC, RPC_USER -> e.add(Endpoint.DIAG);
        case FAIRSHARE, FAIRSHARE_USER -> e.add(Endpoint.SHARES);
        case ACCOUNTING, ACCOUNTING_USER -> e.add(Endpoint.DATABASE);
        default -> throw new IllegalStateException("unmapped group " + g);
      }
    }
    return e;
  }

  /** The refresher behind this collector, for its status and its lifecycle. */
  public SnapshotRefresher refresher() {
    return refresher;
  }

  /** What family providers get: the current cluster label, switches and limits. */
  public FamilyContext familyContext() {
    String cluster = clusterName();
    return new FamilyContext(cluster, commonLabels(cluster), config.groups(), limiter, config.clock());
  }

  // ---- refresh side: runs once per snapshot on the refresh thread ----

  private void onSnapshot(ClusterSnapshot s) {
    self.record(s, config.clock().instant());
    s.diag().ifPresent(schedulerCounters::update);
    rendered = new Rendered(s, render(s));
  }

  private MetricSnapshots render(ClusterSnapshot s) {
    FamilySet fs = new FamilySet(commonLabels(s.clusterName()), nodeSeries.groupsFor(s), limiter);
    Renderers.renderAll(s, fs, schedulerCounters);
    return fs.build();
  }

  // ---- scrape side ----

  @Override
  public MetricSnapshots collect() {
    return collect(config.scrapeTimeout());
  }

  @Override
  public MetricSnapshots collect(PrometheusScrapeRequest request) {
    return collect(name -> true, request);
  }

  @Override
  public MetricSnapshots collect(Predicate<String> includedNames) {
    return collect(includedNames, (PrometheusScrapeRequest) null);
  }

  @Override
  public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
    return collectWithin(includedNames, budget(request));
  }

  /** The wait a scrape request allows: its timeout header minus a margin, else the configured scrape timeout. */
  public Duration budget(PrometheusScrapeRequest request) {
    Optional<Double> header = timeoutHeader(request);
    if (header.isEmpty()) return config.scrapeTimeout();
    Duration d = Duration.ofMillis((long) (header.get() * 1000)).minus(SCRAPE_MARGIN);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Starts a refresh when the current snapshot is due, without waiting (several clusters then fetch in parallel). */
  void startRefreshIfDue() {
    refresher.current(Duration.ZERO);
  }

  /** One scrape that waits at most {@code budget} for a refresh. */
  public MetricSnapshots collect(Duration budget) {
    return collectWithin(name -> true, budget);
  }

  /** One scrape of the families {@code includedNames} accepts, waiting at most {@code budget} for a refresh. */
  public MetricSnapshots collectWithin(Predicate<String> includedNames, Duration budget) {
    ScrapeParts parts = partsWithin(includedNames, budget);
    List<MetricSnapshot> out = new ArrayList<>();
    for (MetricSnapshots rendered : parts.perSnapshot()) {
      for (MetricSnapshot m : rendered) {
        if (includedNames.test(m.getMetadata().getPrometheusName())) out.add(m);
      }
    }
    for (MetricSnapshot m : parts.live()) out.add(m);
    return new MetricSnapshots(out);
  }

  /**
   * The same scrape as {@link #collect(Predicate, PrometheusScrapeRequest)}, split into the families rendered once for
   * the snapshot served and the live ones (see {@link ScrapeParts}), for an HTTP layer that caches encodings.
   */
  public ScrapeParts collectParts(Predicate<String> includedNames, PrometheusScrapeRequest request) {
    return partsWithin(includedNames, budget(request));
  }

  /** {@link #collectWithin}, split: the rendered families unfiltered, the live ones filtered and never thrown away. */
  ScrapeParts partsWithin(Predicate<String> includedNames, Duration budget) {
    MetricSnapshots snapshotFamilies = null;
    List<MetricSnapshot> out = new ArrayList<>();
    try {
      // the exporter's own families never need Slurm: a scrape asking only for them must not trigger a refresh
      boolean wantsSlurmData = definitions.keySet().stream()
          .anyMatch(n -> !n.startsWith("slurm_exporter_") && includedNames.test(n));
      Optional<ClusterSnapshot> s = wantsSlurmData ? refresher.current(budget) : refresher.servable();
      String cluster = s.map(ClusterSnapshot::clusterName).orElseGet(this::clusterName);
      if (s.isPresent()) snapshotFamilies = renderedFor(s.get());
      FamilySet live = new FamilySet(commonLabels(cluster), config.groups(), UNLIMITED);
      self.render(s, refresher.endpoints(), config.clock().instant(), live);
      SelfMetrics.renderDropped(limiter, live);
      SelfMetrics.renderCollectorsEnabled(nodeSeries.current(), live);
      for (MetricSnapshot m : live.build()) {
        if (includedNames.test(m.getMetadata().getPrometheusName())) out.add(m);
      }
      FamilyContext ctx = new FamilyContext(cluster, commonLabels(cluster), config.groups(), limiter, config.clock());
      for (FamilyProvider p : providers) {
        try {
          for (MetricSnapshot m : p.collect(ctx)) {
            String name = m.getMetadata().getPrometheusName();
            if (definitions.containsKey(name) && includedNames.test(name)) out.add(m);
          }
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "slurm-metrics: family provider " + p + " failed: " + e);
        }
      }
    } catch (RuntimeException | Error e) { // a bug must not break the host's scrape
      LOG.log(System.Logger.Level.ERROR, "slurm-metrics: collect failed for " + clusterName(), e);
    }
    List<MetricSnapshots> perSnapshot = snapshotFamilies == null ? List.of() : List.of(snapshotFamilies);
    return new ScrapeParts(perSnapshot, new MetricSnapshots(dedupe(snapshotFamilies, out)), definitions.keySet());
  }

  /** The first family of each name; a name the rendered families have is theirs (as before the split). */
  private static List<MetricSnapshot> dedupe(MetricSnapshots rendered, List<MetricSnapshot> in) {
    Map<String, MetricSnapshot> byName = new LinkedHashMap<>();
    if (rendered != null) {
      for (MetricSnapshot m : rendered) byName.put(m.getMetadata().getPrometheusName(), m);
    }
    java.util.Set<String> taken = java.util.Set.copyOf(byName.keySet());
    for (MetricSnapshot m : in) byName.putIfAbsent(m.getMetadata().getPrometheusName(), m);
    byName.keySet().removeAll(taken);
    return new ArrayList<>(byName.values());
  }

  private MetricSnapshots renderedFor(ClusterSnapshot s) {
    Rendered r = rendered;
    if (r != null && r.snapshot() == s) return r.families();
    synchronized (this) { // only when the listener failed: render once, then cache
      r = rendered;
      if (r != null && r.snapshot() == s) return r.families();
      MetricSnapshots m = render(s);
      rendered = new Rendered(s, m);
      return m;
    }
  }

  /**
   * client_java's HTTP layer hands collectors a {@code PrometheusHttpRequest}, which has {@code getHeader}; read it
   * reflectively so core does not depend on the exporter modules (and relocation in a shaded jar keeps working).
   */
  static Optional<Double> timeoutHeader(PrometheusScrapeRequest request) {
    if (request == null) return Optional.empty();
    try {
      Method m = request.getClass().getMethod("getHeader", String.class);
      m.setAccessible(true);
      Object v = m.invoke(request, TIMEOUT_HEADER);
      if (v == null) return Optional.empty();
      double seconds = Double.parseDouble(v.toString().trim());
      return seconds > 0 && Double.isFinite(seconds) ? Optional.of(seconds) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private String clusterName() {
    return refresher.latest().map(ClusterSnapshot::clusterName)
        .orElseGet(() -> refresher.clusterNameOverride().orElse(refresher.sourceName()));
  }

  private Labels commonLabels(String cluster) {
    // Slurm's ClusterName reaches us from the ping answer: as untrusted as any other name we put in a label
    Labels.Builder b = Labels.builder().label("cluster", LabelValues.sanitize(cluster));
    config.constLabels().forEach(b::label);
    return b.build();
  }

  /** Health of the last refresh. */
  public ClusterStatus status() {
    Optional<ClusterSnapshot> latest = refresher.latest();
    Map<String, Boolean> up = new LinkedHashMap<>();
    Optional<String> lastError = Optional.empty();
    if (latest.isPresent()) {
      for (Endpoint e : refresher.endpoints()) up.put(e.label(), latest.get().isUp(e));
      lastError = latest.get().results().values().stream()
          .flatMap(r -> r.failure().stream()).map(Throwable::getMessage).reduce((a, b) -> a + "; " + b);
    }
    return new ClusterStatus(clusterName(), self.lastAttempt(), self.lastCompleteSuccess(), up, latest.isPresent(),
        lastError);
  }

  // ---- registration metadata, so a registry can validate names up front ----

  @Override
  public List<String> getPrometheusNames() {
    return List.copyOf(definitions.keySet());
  }

  @Override
  public MetricType getMetricType(String prometheusName) {
    MetricDefinition d = definitions.get(prometheusName);
    if (d == null) return null;
    return switch (d.type()) {
      case GAUGE -> MetricType.GAUGE;
      case COUNTER -> MetricType.COUNTER;
      case HISTOGRAM -> MetricType.HISTOGRAM;
      case INFO -> MetricType.INFO;
    };
  }

  @Override
  public Set<String> getLabelNames(String prometheusName) {
    MetricDefinition d = definitions.get(prometheusName);
    if (d == null) return null;
    Set<String> names = new LinkedHashSet<>();
    if (!d.name().equals(MetricCatalog.BUILD_INFO)) {
      names.add("cluster");
      names.addAll(config.constLabels().keySet());
    }
    names.addAll(MetricCatalog.effectiveLabels(d, config.groups()));
    return names;
  }

  @Override
  public MetricMetadata getMetadata(String prometheusName) {
    MetricDefinition d = definitions.get(prometheusName);
    if (d == null) return null;
    return new MetricMetadata(d.prometheusName(), d.help(), FamilySet.unit(d.unit()));
  }
}
