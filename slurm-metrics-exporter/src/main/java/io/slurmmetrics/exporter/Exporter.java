package io.slurmmetrics.exporter;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.accounting.AccountingOptions;
import io.slurmmetrics.accounting.AccountingProvider;
import io.slurmmetrics.exporter.cluster.ClusterSet;
import io.slurmmetrics.exporter.cluster.SourceFactory;
import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.exporter.config.ExporterConfig;
import io.slurmmetrics.exporter.demo.Demo;
import io.slurmmetrics.exporter.http.ExporterServer;
import io.slurmmetrics.exporter.web.WebConfig;
import io.slurmmetrics.metrics.BuildInfo;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.source.SlurmSource;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** A running exporter: its clusters, their refresh, the HTTP server and, with {@code --demo}, the simulator. */
public final class Exporter implements Closeable {
  private static final Logger LOG = Logger.getLogger(Exporter.class.getName());
  static final int DEMO_SERIES_LIMIT = 40;

  /** Standalone serves JVM metrics too; as an agent the host's JVM metrics are the host's business. */
  public enum Mode { STANDALONE, AGENT }

  private final Optional<Demo> demo;
  private final ClusterSet clusters;
  private final ExporterServer server;
  private boolean closed; // guarded by this

  private Exporter(Optional<Demo> demo, ClusterSet clusters, ExporterServer server) {
    this.demo = demo;
    this.clusters = clusters;
    this.server = server;
  }

  /**
   * Starts everything, or nothing: on failure what was started is closed again.
   *
   * @throws ConfigException a config problem found only now (web config, TLS material, a source's settings)
   * @throws IOException     the listen address cannot be bound
   */
  public static Exporter start(ExporterConfig config, Mode mode, SourceFactory sources)
      throws ConfigException, IOException {
    WebConfig web = config.webConfigFile().isPresent() ? WebConfig.load(config.webConfigFile().get())
        : WebConfig.none();
    Optional<Demo> demo = Optional.empty();
    List<ClusterSet.Member> members = new ArrayList<>();
    try {
      List<ClusterConfig> clusterConfigs = config.clusters();
      if (config.demo()) {
        demo = Optional.of(Demo.start(clusterConfigs.get(0).name().orElse("demo")));
        ClusterConfig c = clusterConfigs.get(0);
        clusterConfigs = List.of(new ClusterConfig(c.name(), "rest", Optional.of(demo.get().url()), c.restUser(),
            c.tokenFile(), c.caFile(), c.apiVersion(), c.cliBinDir(), c.slurmConf(), c.collectors(), c.labels(),
            c.refreshInterval(), c.accountingStateFile(), c.nodeMaxNodes()));
      }
      for (ClusterConfig c : clusterConfigs) {
        SlurmSource source = sources.open(c);
        members.add(new ClusterSet.Member(c, source, metrics(c, source, config.demo())));
      }
      ClusterSet set = new ClusterSet(members);
      PrometheusRegistry registry = new PrometheusRegistry();
      registry.register(set);
      if (mode == Mode.STANDALONE) JvmMetrics.builder().register(registry);
      ExporterServer server = ExporterServer.start(config.listenAddress(), config.telemetryPath(), web, registry, set,
          BuildInfo.version());
      set.start();
      Exporter exporter = new Exporter(demo, set, server);
      LOG.info(exporter.describe(config, web));
      return exporter;
    } catch (ConfigException | IOException | RuntimeException | Error e) {
      for (ClusterSet.Member m : members) {
        m.metrics().close();
        m.source().close();
      }
      demo.ifPresent(Demo::close);
      throw e;
    }
  }

  private static SlurmMetrics metrics(ClusterConfig c, SlurmSource source, boolean demo) {
    SlurmMetrics.Builder b = SlurmMetrics.builder().source(source).refreshInterval(c.refreshInterval())
        .constLabels(c.labels()).nodeSeriesMaxNodes(c.nodeMaxNodes());
    c.name().ifPresent(b::clusterName);
    for (Map.Entry<CollectorGroup, Boolean> e : c.collectors().entrySet()) {
      if (e.getValue()) {
        b.enable(e.getKey());
      } else {
        b.disable(e.getKey());
      }
    }
    AccountingOptions.Builder accounting = AccountingOptions.builder();
    if (demo) {
      // a low cap, so the per-job families show the series limit and slurm_exporter_series_dropped_total at work
      b.seriesLimitPerFamily(DEMO_SERIES_LIMIT);
      // the simulator has an hour of finished jobs and finishes more all the time: count them from the start
      accounting.pollInterval(c.refreshInterval()).countFrom(Instant.now().minus(Duration.ofHours(1)));
    }
    c.accountingStateFile().ifPresent(accounting::stateFile);
    b.familyProvider(new AccountingProvider(accounting.build()));
    return b.build();
  }

  private String describe(ExporterConfig config, WebConfig web) {
    List<String> names = new ArrayList<>();
    for (ClusterSet.Member m : clusters.members()) {
      names.add(m.config().name().map(n -> n + " via ").orElse("") + m.source().name());
    }
    return "slurm-metrics-exporter " + BuildInfo.version() + " listening on " + (server.tls() ? "https" : "http")
        + "://" + config.listenAddress().host().orElse("0.0.0.0") + ":" + server.port() + config.telemetryPath()
        + (web.basicAuth().isEmpty() ? "" : " with basic auth") + (config.demo() ? " (demo)" : "")
        + "; clusters: " + String.join(", ", names);
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  public ClusterSet clusters() {
    return clusters;
  }

  /** Stops serving, then refreshing; closes sources and the demo. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    server.close();
    clusters.close();
    demo.ifPresent(Demo::close);
  }
}
