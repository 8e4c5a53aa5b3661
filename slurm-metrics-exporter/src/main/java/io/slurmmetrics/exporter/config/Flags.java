package io.slurmmetrics.exporter.config;

import io.slurmmetrics.metrics.CollectorGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line, Prometheus-exporter style: {@code --name=value} or {@code --name value}; boolean flags alone
 * ({@code --demo}) or with {@code =true|false}; {@code --collector.<group>} and {@code --no-collector.<group>} for
 * every {@link CollectorGroup}. Hand-written because the collector flags come from an enum and the rest is a table.
 */
public final class Flags {

  /** One documented flag. {@code boolean} flags take no value. */
  public record Flag(String name, String group, String metavar, String defaultValue, String help, boolean bool) {}

  static final String WEB = "Web";
  static final String CONFIG = "Configuration";
  static final String SLURM = "Slurm (one cluster; overrides the single cluster of --config.file)";
  static final String OTHER = "Other";
  /** Settings of a collector group: listed with the collector switches, applied to every cluster. */
  static final String COLLECTOR_SETTINGS = "Collector settings";

  public static final String LISTEN_ADDRESS = "web.listen-address";
  public static final String TELEMETRY_PATH = "web.telemetry-path";
  public static final String WEB_CONFIG = "web.config.file";
  public static final String CONFIG_FILE = "config.file";
  public static final String SOURCE = "slurm.source";
  public static final String REST_URL = "slurm.rest.url";
  public static final String REST_USER = "slurm.rest.user";
  public static final String TOKEN_FILE = "slurm.rest.token-file";
  public static final String CA_FILE = "slurm.rest.ca-file";
  public static final String API_VERSION = "slurm.rest.api-version";
  public static final String CLI_BIN_DIR = "slurm.cli.bin-dir";
  public static final String SLURM_CONF = "slurm.conf";
  public static final String CLUSTER_NAME = "slurm.cluster-name";
  public static final String REFRESH = "refresh.interval";
  public static final String STATE_FILE = "accounting.state-file";
  public static final String NODE_MAX_NODES = "collector.node.max-nodes";
  public static final String LOG_LEVEL = "log.level";
  public static final String DEMO = "demo";
  public static final String VERSION = "version";
  public static final String HELP = "help";

  /** Every flag but the collector switches, in help order. */
  public static final List<Flag> ALL = List.of(
      new Flag(LISTEN_ADDRESS, WEB, "[host]:port", ":9341", "Address to serve the landing page and metrics on.", false),
      new Flag(TELEMETRY_PATH, WEB, "path", "/metrics", "Path under which metrics are exposed.", false),
      new Flag(WEB_CONFIG, WEB, "file", "",
          "Web config (exporter-toolkit format): TLS, client certificates, basic auth with bcrypt hashes.", false),
      new Flag(CONFIG_FILE, CONFIG, "file", "", "YAML config: clusters, collectors, labels, web settings.", false),
      new Flag(SOURCE, SLURM, "rest|cli", "rest", "Read Slurm through slurmrestd or the command line.", false),
      new Flag(REST_URL, SLURM, "url", "",
          "slurmrestd address: http://host:6820, https://host:6820 or unix:/path/to/slurmrestd.sock.", false),
      new Flag(REST_USER, SLURM, "name", "", "User name sent with the token (X-SLURM-USER-NAME).", false),
      new Flag(TOKEN_FILE, SLURM, "file", "", "File holding the JWT. Without it, $SLURM_JWT is used.", false),
      new Flag(CA_FILE, SLURM, "file", "", "CA certificate(s), PEM, to trust for an https:// slurmrestd.", false),
      new Flag(API_VERSION, SLURM, "version", "auto",
          "REST API version, e.g. v0.0.42; auto takes the newest both sides speak.", false),
      new Flag(CLI_BIN_DIR, SLURM, "dir", "$PATH", "Directory of sinfo, squeue, sdiag, ... for --slurm.source=cli.",
          false),
      new Flag(SLURM_CONF, SLURM, "file", "", "slurm.conf for the command line tools (SLURM_CONF).", false),
      new Flag(CLUSTER_NAME, SLURM, "name", "",
          "Value of the cluster label (default: Slurm's ClusterName).", false),
      new Flag(REFRESH, SLURM, "duration", "30s",
          "How often Slurm is read; every scrape in between shares one snapshot.", false),
      new Flag(STATE_FILE, SLURM, "file", "",
          "Keep the finished-job counters' position here, so a restart neither skips nor recounts jobs.", false),
      new Flag(NODE_MAX_NODES, COLLECTOR_SETTINGS, "n", String.valueOf(CollectorGroup.NODE_SERIES_MAX_NODES_DEFAULT),
          "Clusters with more nodes get no per-node series (collector node) unless --collector.node is given.",
          false),
      new Flag(LOG_LEVEL, OTHER, "level", "info", "Only log messages at or above: debug, info, warn, error.", false),
      new Flag(DEMO, OTHER, "", "", "Serve a simulated cluster (no Slurm needed): try it first.", true),
      new Flag(VERSION, OTHER, "", "", "Print the version and exit.", true),
      new Flag(HELP, OTHER, "", "", "Print this help and exit.", true));

  private static final Map<String, Flag> BY_NAME = new LinkedHashMap<>();

  static {
    for (Flag f : ALL) BY_NAME.put(f.name(), f);
  }

  private final Map<String, String> values;
  private final Map<CollectorGroup, Boolean> collectors;

  private Flags(Map<String, String> values, Map<CollectorGroup, Boolean> collectors) {
    this.values = Collections.unmodifiableMap(values);
    this.collectors = Collections.unmodifiableMap(collectors);
  }

  /** Parses {@code args}; the first problem becomes a {@link ConfigException} naming the flag. */
  public static Flags parse(String... args) throws ConfigException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<CollectorGroup, Boolean> collectors = new EnumMap<>(CollectorGroup.class);
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      if (arg.equals("-h")) arg = "--help";
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException("unexpected argument \"" + arg + "\" (flags start with --; see --help)");
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      Optional<String> inline = eq < 0 ? Optional.empty() : Optional.of(body.substring(eq + 1));

      if (!BY_NAME.containsKey(name) && (name.startsWith("collector.") || name.startsWith("no-collector."))) {
        boolean negated = name.startsWith("no-");
        String groupName = name.substring(name.indexOf('.') + 1);
        CollectorGroup group = CollectorGroup.fromLabel(groupName).orElseThrow(() -> new ConfigException(
            "unknown collector \"" + groupName + "\" in --" + name + " (known: " + collectorNames() + ")"));
        boolean on = inline.isPresent() ? parseBool("--" + name, inline.get()) : true;
        if (collectors.containsKey(group)) {
          throw new ConfigException("--" + name + ": collector \"" + group.label() + "\" is switched more than once");
        }
        collectors.put(group, negated != on);
        continue;
      }

      Flag flag = BY_NAME.get(name);
      if (flag == null) {
        throw new ConfigException("unknown flag --" + name + suggestion(name) + " (see --help)");
      }
      if (values.containsKey(name)) throw new ConfigException("flag --" + name + " given more than once");
      if (flag.bool()) {
        values.put(name, String.valueOf(inline.isPresent() ? parseBool("--" + name, inline.get()) : true));
      } else if (inline.isPresent()) {
        values.put(name, inline.get());
      } else {
        if (i + 1 >= list.size()) {
          throw new ConfigException("flag --" + name + " needs a value: --" + name + "=<" + flag.metavar() + ">");
        }
        values.put(name, list.get(++i));
      }
    }
    return new Flags(values, collectors);
  }

  private static boolean parseBool(String flag, String v) throws ConfigException {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(flag + ": expected true or false, got \"" + v + "\"");
    };
  }

  private static String suggestion(String name) {
    for (String known : BY_NAME.keySet()) {
      if (known.replace("-", "").replace(".", "").equalsIgnoreCase(name.replace("-", "").replace(".", "").replace("_", ""))) {
        return " (did you mean --" + known + "?)";
      }
    }
    return "";
  }

  static String collectorNames() {
    List<String> names = new ArrayList<>();
    for (CollectorGroup g : CollectorGroup.values()) names.add(g.label());
    return String.join(", ", names);
  }

  /** The raw value given for {@code flag}, if given. */
  public Optional<String> get(String flag) {
    return Optional.ofNullable(values.get(flag));
  }

  public boolean isSet(String flag) {
    return values.containsKey(flag);
  }

  public boolean isTrue(String flag) {
    return "true".equals(values.get(flag));
  }

  /** Collector groups switched on the command line. */
  public Map<CollectorGroup, Boolean> collectors() {
    return collectors;
  }

  /** True when any flag that describes one Slurm cluster was given. */
  public boolean setsSingleCluster() {
    for (Flag f : ALL) {
      if (f.group().equals(SLURM) && !f.name().equals(REFRESH) && values.containsKey(f.name())) return true;
    }
    return false;
  }
}
