package io.slurmmetrics.exporter.config;

import io.slurmmetrics.metrics.CollectorGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * The YAML config file ({@code --config.file}, or the agent's argument), read strictly: unknown keys and bad values
 * are errors naming the key and its line. See {@code docs/exporter.md} for the reference; in short:
 *
 * <pre>
 * web: {listen_address: ":9341", telemetry_path: /metrics, config_file: web-config.yml}
 * log: {level: info}
 * refresh_interval: 30s          # default of every cluster
 * collectors: {node: false}      # default of every cluster
 * collector_node_max_nodes: 5000 # default of every cluster: above it no per-node series unless node: true
 * labels: {site: dc1}            # added to every cluster's series
 * clusters:
 *   - name: prod
 *     source: rest               # or cli
 *     url: https://slurmctl:6820 # or unix:/run/slurmrestd/slurmrestd.sock
 *     user: slurm
 *     token_file: /etc/slurm-metrics/prod.jwt
 *     ca_file: /etc/slurm-metrics/slurmrestd-ca.crt
 *     api_version: v0.0.42
 *     cli_bin_dir: /usr/bin      # source: cli
 *     slurm_conf: /etc/slurm/slurm.conf
 *     collectors: {rpc_user: true}
 *     labels: {datacenter: dc1}
 *     refresh_interval: 15s
 *     collector_node_max_nodes: 20000
 *     accounting_state_file: /var/lib/slurm-metrics/prod.state
 * </pre>
 *
 * @param listenAddress  {@code web.listen_address}
 * @param telemetryPath  {@code web.telemetry_path}
 * @param webConfigFile  {@code web.config_file}
 * @param logLevel       {@code log.level}
 * @param clusters       {@code clusters}, defaults already applied
 */
public record ConfigFile(Optional<ListenAddress> listenAddress, Optional<String> telemetryPath,
    Optional<Path> webConfigFile, Optional<Level> logLevel, List<ClusterConfig> clusters) {

  private static final Set<String> TOP = Set.of("web", "log", "refresh_interval", "collectors", "labels", "clusters",
      "collector_node_max_nodes");
  private static final Set<String> WEB = Set.of("listen_address", "telemetry_path", "config_file");
  private static final Set<String> LOG = Set.of("level");
  private static final Set<String> CLUSTER = Set.of("name", "source", "url", "user", "token_file", "ca_file", "api_version",
      "cli_bin_dir", "slurm_conf", "collectors", "labels", "refresh_interval", "accounting_state_file",
      "collector_node_max_nodes");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern API_VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+");

  public ConfigFile {
    clusters = List.copyOf(clusters);
  }

  public static ConfigFile load(Path file) throws ConfigException {
    return read(YamlNode.load(file));
  }

  static ConfigFile read(YamlNode root) throws ConfigException {
    root.rejectUnknownKeys(TOP);
    Optional<ListenAddress> listen = Optional.empty();
    Optional<String> path = Optional.empty();
    Optional<Path> webConfig = Optional.empty();
    Optional<YamlNode> web = root.get("web");
    if (web.isPresent()) {
      web.get().rejectUnknownKeys(WEB);
      Optional<YamlNode> la = web.get().get("listen_address");
      if (la.isPresent()) listen = Optional.of(listenAddress(la.get()));
      Optional<YamlNode> tp = web.get().get("telemetry_path");
      if (tp.isPresent()) path = Optional.of(telemetryPath(tp.get()));
      Optional<YamlNode> cf = web.get().get("config_file");
      if (cf.isPresent()) webConfig = Optional.of(cf.get().asPath());
    }
    Optional<Level> level = Optional.empty();
    Optional<YamlNode> log = root.get("log");
    if (log.isPresent()) {
      log.get().rejectUnknownKeys(LOG);
      Optional<YamlNode> l = log.get().get("level");
      if (l.isPresent()) level = Optional.of(logLevel(l.get()));
    }
    Duration defaultRefresh = root.get("refresh_interval").isPresent()
        ? refresh(root.get("refresh_interval").get()) : ClusterConfig.DEFAULT_REFRESH;
    Map<CollectorGroup, Boolean> defaultCollectors = root.get("collectors").isPresent()
        ? collectors(root.get("collectors").get()) : Map.of();
    Map<String, String> defaultLabels = root.get("labels").isPresent()
        ? labels(root.get("labels").get()) : Map.of();
    int defaultMaxNodes = root.get("collector_node_max_nodes").isPresent()
        ? nodeMaxNodes(root.get("collector_node_max_nodes").get()) : CollectorGroup.NODE_SERIES_MAX_NODES_DEFAULT;

    List<ClusterConfig> clusters = new ArrayList<>();
    Optional<YamlNode> list = root.get("clusters");
    if (list.isPresent()) {
      List<YamlNode> items = list.get().asList();
      Set<String> names = new HashSet<>();
      for (YamlNode item : items) {
        ClusterConfig c = cluster(item, defaultRefresh, defaultCollectors, defaultLabels, defaultMaxNodes);
        if (items.size() > 1 && c.name().isEmpty()) {
          throw item.error("name is required when more than one cluster is configured (it selects ?cluster=)");
        }
        if (c.name().isPresent() && !names.add(c.name().get())) {
          throw item.get("name").orElseThrow().error("cluster name \"" + c.name().get() + "\" is used twice");
        }
        clusters.add(c);
      }
    }
    return new ConfigFile(listen, path, webConfig, level, clusters);
  }

  private static ClusterConfig cluster(YamlNode n, Duration defaultRefresh,
      Map<CollectorGroup, Boolean> defaultCollectors, Map<String, String> defaultLabels, int defaultMaxNodes)
      throws ConfigException {
    n.rejectUnknownKeys(CLUSTER);
    Optional<String> name = optString(n, "name");
    if (name.isPresent() && name.get().isBlank()) throw n.get("name").orElseThrow().error("empty cluster name");
    String source = "rest";
    if (n.get("source").isPresent()) source = source(n.get("source").get());
    Optional<String> url = Optional.empty();
    if (n.get("url").isPresent()) url = Optional.of(restUrl(n.get("url").get()));
    if (source.equals("rest") && url.isEmpty()) {
      throw n.error("url is required for source: rest (http://host:6820, https://... or unix:/path)");
    }
    if (source.equals("cli")) {
      for (String restOnly : List.of("url", "user", "token_file", "ca_file", "api_version")) {
        if (n.get(restOnly).isPresent()) {
          throw n.get(restOnly).get().error("only used with source: rest, but this cluster has source: cli");
        }
      }
    } else {
      for (String cliOnly : List.of("cli_bin_dir", "slurm_conf")) {
        if (n.get(cliOnly).isPresent()) {
          throw n.get(cliOnly).get().error("only used with source: cli, but this cluster has source: rest");
        }
      }
    }
    Optional<Path> token = Optional.empty();
    if (n.get("token_file").isPresent()) token = Optional.of(existingFile(n.get("token_file").get()));
    Optional<Path> ca = Optional.empty();
    if (n.get("ca_file").isPresent()) {
      ca = Optional.of(existingFile(n.get("ca_file").get()));
      if (url.isPresent() && !url.get().startsWith("https:")) {
        throw n.get("ca_file").get().error("only used with an https:// url");
      }
    }
    Optional<String> api = Optional.empty();
    if (n.get("api_version").isPresent()) api = Optional.of(apiVersion(n.get("api_version").get()));
    Optional<Path> bin = Optional.empty();
    if (n.get("cli_bin_dir").isPresent()) bin = Optional.of(n.get("cli_bin_dir").get().asPath());
    Optional<Path> conf = Optional.empty();
    if (n.get("slurm_conf").isPresent()) conf = Optional.of(existingFile(n.get("slurm_conf").get()));

    Map<CollectorGroup, Boolean> collectors = new EnumMap<>(CollectorGroup.class);
    collectors.putAll(defaultCollectors);
    if (n.get("collectors").isPresent()) collectors.putAll(collectors(n.get("collectors").get()));
    Map<String, String> labels = new LinkedHashMap<>(defaultLabels);
    if (n.get("labels").isPresent()) labels.putAll(labels(n.get("labels").get()));
    Duration refresh = n.get("refresh_interval").isPresent() ? refresh(n.get("refresh_interval").get())
        : defaultRefresh;
    Optional<Path> state = Optional.empty();
    if (n.get("accounting_state_file").isPresent()) state = Optional.of(stateFile(n.get("accounting_state_file").get()));
    int maxNodes = n.get("collector_node_max_nodes").isPresent()
        ? nodeMaxNodes(n.get("collector_node_max_nodes").get()) : defaultMaxNodes;
    return new ClusterConfig(name, source, url, optString(n, "user"), token, ca, api, bin, conf, collectors, labels,
        refresh, state, maxNodes);
  }

  private static Optional<String> optString(YamlNode n, String key) throws ConfigException {
    Optional<YamlNode> v = n.get(key);
    return v.isPresent() ? Optional.of(v.get().asString()) : Optional.empty();
  }

  static ListenAddress listenAddress(YamlNode n) throws ConfigException {
    try {
      return ListenAddress.parse(n.asString());
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  static String telemetryPath(YamlNode n) throws ConfigException {
    String p = n.asString();
    String problem = Validation.telemetryPathProblem(p);
    if (problem != null) throw n.error(problem);
    return p;
  }

  static Level logLevel(YamlNode n) throws ConfigException {
    try {
      return Validation.logLevel(n.asString());
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  static String source(YamlNode n) throws ConfigException {
    String s = n.asString();
    if (!s.equals("rest") && !s.equals("cli")) throw n.error("expected rest or cli, found \"" + s + "\"");
    return s;
  }

  static String restUrl(YamlNode n) throws ConfigException {
    String u = n.asString();
    String problem = Validation.restUrlProblem(u);
    if (problem != null) throw n.error(problem);
    return u;
  }

  static String apiVersion(YamlNode n) throws ConfigException {
    String v = n.asString();
    if (!API_VERSION.matcher(v).matches()) throw n.error("expected an API version like v0.0.42, found \"" + v + "\"");
    return v;
  }

  static Duration refresh(YamlNode n) throws ConfigException {
    Duration d = n.asDuration();
    if (d.compareTo(Duration.ofSeconds(1)) < 0) throw n.error("must be at least 1s");
    return d;
  }

  static int nodeMaxNodes(YamlNode n) throws ConfigException {
    try {
      return Validation.nodeMaxNodes(n.asString());
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  static Path stateFile(YamlNode n) throws ConfigException {
    Path p = n.asPath();
    String problem = Validation.stateFileProblem(p);
    if (problem != null) throw n.error(problem);
    return p;
  }

  static Path existingFile(YamlNode n) throws ConfigException {
    Path p = n.asPath();
    String problem = Validation.readableFileProblem(p);
    if (problem != null) throw n.error(problem);
    return p;
  }

  static Map<CollectorGroup, Boolean> collectors(YamlNode n) throws ConfigException {
    Map<CollectorGroup, Boolean> out = new EnumMap<>(CollectorGroup.class);
    for (String key : n.keys()) {
      YamlNode v = n.get(key).orElseThrow(() -> n.error(key + ": expected true or false"));
      CollectorGroup g = CollectorGroup.fromLabel(key)
          .orElseThrow(() -> v.error("unknown collector (known: " + Flags.collectorNames() + ")"));
      out.put(g, v.asBoolean());
    }
    return out;
  }

  static Map<String, String> labels(YamlNode n) throws ConfigException {
    Map<String, String> labels = n.asStringMap();
    for (String k : labels.keySet()) {
      YamlNode v = n.get(k).orElseThrow();
      if (!LABEL_NAME.matcher(k).matches() || k.startsWith("__")) {
        throw v.error("\"" + k + "\" is not a valid Prometheus label name");
      }
      if (k.equals("cluster")) throw v.error("the cluster label comes from the cluster's name: set name instead");
    }
    return labels;
  }
}
