package io.slurmmetrics.exporter.config;

import io.slurmmetrics.metrics.CollectorGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * Flags, the config file and defaults combined into one {@link ExporterConfig}. Flags win over the file for web and
 * log settings and for the settings of a single cluster; {@code --collector.*} (with
 * {@code --collector.node.max-nodes}) and {@code --refresh.interval} apply to every cluster.
 */
public final class ConfigResolver {
  /** The demo's cluster refreshes often so that a newcomer sees values move. */
  public static final Duration DEMO_REFRESH = Duration.ofSeconds(5);
  public static final String DEMO_CLUSTER = "demo";
  private static final Pattern API_VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+");

  private ConfigResolver() {}

  public static ExporterConfig resolve(Flags flags) throws ConfigException {
    Optional<ConfigFile> file = Optional.empty();
    if (flags.get(Flags.CONFIG_FILE).isPresent()) {
      file = Optional.of(ConfigFile.load(Path.of(flags.get(Flags.CONFIG_FILE).get())));
    }
    return resolve(flags, file);
  }

  /** Combines {@code flags} with an already read config file (the agent reads its file itself). */
  public static ExporterConfig resolve(Flags flags, Optional<ConfigFile> file) throws ConfigException {
    ListenAddress listen = file.flatMap(ConfigFile::listenAddress)
        .orElse(new ListenAddress(Optional.empty(), ListenAddress.DEFAULT_PORT));
    if (flags.get(Flags.LISTEN_ADDRESS).isPresent()) {
      try {
        listen = ListenAddress.parse(flags.get(Flags.LISTEN_ADDRESS).get());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--" + Flags.LISTEN_ADDRESS + ": " + e.getMessage());
      }
    }
    String path = file.flatMap(ConfigFile::telemetryPath).orElse("/metrics");
    if (flags.get(Flags.TELEMETRY_PATH).isPresent()) {
      path = flags.get(Flags.TELEMETRY_PATH).get();
      String problem = Validation.telemetryPathProblem(path);
      if (problem != null) throw new ConfigException("--" + Flags.TELEMETRY_PATH + ": " + problem);
    }
    Optional<Path> webConfig = file.flatMap(ConfigFile::webConfigFile);
    if (flags.get(Flags.WEB_CONFIG).isPresent()) {
      webConfig = Optional.of(Path.of(flags.get(Flags.WEB_CONFIG).get()));
    }
    if (webConfig.isPresent()) {
      String problem = Validation.readableFileProblem(webConfig.get());
      if (problem != null) throw new ConfigException("--" + Flags.WEB_CONFIG + ": " + problem);
    }
    Level level = file.flatMap(ConfigFile::logLevel).orElse(Level.INFO);
    if (flags.get(Flags.LOG_LEVEL).isPresent()) {
      try {
        level = Validation.logLevel(flags.get(Flags.LOG_LEVEL).get());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--" + Flags.LOG_LEVEL + ": " + e.getMessage());
      }
    }
    Optional<Duration> refresh = Optional.empty();
    if (flags.get(Flags.REFRESH).isPresent()) {
      try {
        Duration d = Durations.parse(flags.get(Flags.REFRESH).get());
        if (d.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("must be at least 1s");
        refresh = Optional.of(d);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--" + Flags.REFRESH + ": " + e.getMessage());
      }
    }

    Optional<Integer> nodeMaxNodes = Optional.empty();
    if (flags.get(Flags.NODE_MAX_NODES).isPresent()) {
      try {
        nodeMaxNodes = Optional.of(Validation.nodeMaxNodes(flags.get(Flags.NODE_MAX_NODES).get()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--" + Flags.NODE_MAX_NODES + ": " + e.getMessage());
      }
    }

    boolean demo = flags.isTrue(Flags.DEMO);
    List<ClusterConfig> fromFile = file.map(ConfigFile::clusters).orElse(List.of());
    List<ClusterConfig> clusters = new ArrayList<>();
    if (demo) {
      if (flags.setsSingleCluster() || !fromFile.isEmpty()) {
        throw new ConfigException("--demo serves its own simulated cluster: drop the --slurm.* flags and the "
            + "config file's clusters, or drop --demo");
      }
      // the demo shows every family, the opt-in per-job and per-user ones included
      Map<CollectorGroup, Boolean> all = new EnumMap<>(CollectorGroup.class);
      for (CollectorGroup g : CollectorGroup.values()) all.put(g, true);
      clusters.add(new ClusterConfig(Optional.of(DEMO_CLUSTER), "rest", Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), all, Map.of(),
          DEMO_REFRESH));
    } else if (fromFile.size() > 1) {
      if (flags.setsSingleCluster()) {
        throw new ConfigException("the --slurm.* flags describe one cluster, but " + flags.get(Flags.CONFIG_FILE)
            .orElse("the config file") + " has " + fromFile.size() + " clusters: set them in the file");
      }
      clusters.addAll(fromFile);
    } else if (file.isPresent() && fromFile.isEmpty() && !flags.setsSingleCluster()) {
      throw new ConfigException(flags.get(Flags.CONFIG_FILE).orElse("the config file") + " has no clusters: add a "
          + "clusters: list (or give --" + Flags.REST_URL + " or --" + Flags.SOURCE + "=cli)");
    } else {
      clusters.add(singleCluster(flags, fromFile.isEmpty() ? Optional.empty() : Optional.of(fromFile.get(0))));
    }

    List<ClusterConfig> finalClusters = new ArrayList<>();
    for (ClusterConfig c : clusters) {
      Map<CollectorGroup, Boolean> collectors = new EnumMap<>(CollectorGroup.class);
      collectors.putAll(c.collectors());
      collectors.putAll(flags.collectors());
      finalClusters.add(new ClusterConfig(c.name(), c.source(), c.restUrl(), c.restUser(), c.tokenFile(), c.caFile(),
          c.apiVersion(), c.cliBinDir(), c.slurmConf(), collectors, c.labels(), refresh.orElse(c.refreshInterval()),
          c.accountingStateFile(), nodeMaxNodes.orElse(c.nodeMaxNodes())));
    }
    return new ExporterConfig(listen, path, webConfig, level, demo, finalClusters);
  }

  private static ClusterConfig singleCluster(Flags flags, Optional<ClusterConfig> base) throws ConfigException {
    String source = base.map(ClusterConfig::source).orElse("rest");
    if (flags.get(Flags.SOURCE).isPresent()) {
      source = flags.get(Flags.SOURCE).get();
      if (!source.equals("rest") && !source.equals("cli")) {
        throw new ConfigException("--" + Flags.SOURCE + ": expected rest or cli, got \"" + source + "\"");
      }
    }
    Optional<String> url = override(flags, Flags.REST_URL, base.flatMap(ClusterConfig::restUrl));
    if (flags.get(Flags.REST_URL).isPresent()) {
      String problem = Validation.restUrlProblem(url.get());
      if (problem != null) throw new ConfigException("--" + Flags.REST_URL + ": " + problem);
    }
    if (source.equals("rest") && url.isEmpty()) {
      throw new ConfigException("no Slurm to read: give --" + Flags.REST_URL + " (or --" + Flags.SOURCE
          + "=cli, or --" + Flags.CONFIG_FILE + " with clusters), or try --demo");
    }
    if (source.equals("cli")) {
      for (String restOnly : List.of(Flags.REST_URL, Flags.REST_USER, Flags.TOKEN_FILE, Flags.CA_FILE, Flags.API_VERSION)) {
        if (flags.isSet(restOnly)) {
          throw new ConfigException("--" + restOnly + " is only used with --" + Flags.SOURCE + "=rest");
        }
      }
    }
    Optional<Path> token = base.flatMap(ClusterConfig::tokenFile);
    if (flags.get(Flags.TOKEN_FILE).isPresent()) {
      token = Optional.of(Path.of(flags.get(Flags.TOKEN_FILE).get()));
      String problem = Validation.readableFileProblem(token.get());
      if (problem != null) throw new ConfigException("--" + Flags.TOKEN_FILE + ": " + problem);
    }
    Optional<Path> ca = base.flatMap(ClusterConfig::caFile);
    if (flags.get(Flags.CA_FILE).isPresent()) {
      ca = Optional.of(Path.of(flags.get(Flags.CA_FILE).get()));
      String problem = Validation.readableFileProblem(ca.get());
      if (problem != null) throw new ConfigException("--" + Flags.CA_FILE + ": " + problem);
    }
    Optional<String> api = override(flags, Flags.API_VERSION, base.flatMap(ClusterConfig::apiVersion));
    if (flags.get(Flags.API_VERSION).isPresent()) {
      if (api.get().equals("auto")) {
        api = Optional.empty();
      } else if (!API_VERSION.matcher(api.get()).matches()) {
        throw new ConfigException("--" + Flags.API_VERSION + ": expected auto or a version like v0.0.42, got \""
            + api.get() + "\"");
      }
    }
    Optional<Path> bin = flags.get(Flags.CLI_BIN_DIR).map(Path::of).or(() -> base.flatMap(ClusterConfig::cliBinDir));
    Optional<Path> conf = base.flatMap(ClusterConfig::slurmConf);
    if (flags.get(Flags.SLURM_CONF).isPresent()) {
      conf = Optional.of(Path.of(flags.get(Flags.SLURM_CONF).get()));
      String problem = Validation.readableFileProblem(conf.get());
      if (problem != null) throw new ConfigException("--" + Flags.SLURM_CONF + ": " + problem);
    }
    Optional<String> name = override(flags, Flags.CLUSTER_NAME, base.flatMap(ClusterConfig::name));
    Optional<Path> state = base.flatMap(ClusterConfig::accountingStateFile);
    if (flags.get(Flags.STATE_FILE).isPresent()) {
      state = Optional.of(Path.of(flags.get(Flags.STATE_FILE).get()));
      String problem = Validation.stateFileProblem(state.get());
      if (problem != null) throw new ConfigException("--" + Flags.STATE_FILE + ": " + problem);
    }
    return new ClusterConfig(name, source, source.equals("rest") ? url : Optional.empty(),
        override(flags, Flags.REST_USER, base.flatMap(ClusterConfig::restUser)), token, ca, api, bin, conf,
        base.map(ClusterConfig::collectors).orElse(Map.of()), base.map(ClusterConfig::labels).orElse(Map.of()),
        base.map(ClusterConfig::refreshInterval).orElse(ClusterConfig.DEFAULT_REFRESH), state,
        base.map(ClusterConfig::nodeMaxNodes).orElse(CollectorGroup.NODE_SERIES_MAX_NODES_DEFAULT));
  }

  private static Optional<String> override(Flags flags, String flag, Optional<String> base) {
    return flags.get(flag).or(() -> base);
  }
}
