package io.slurmmetrics.testkit.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Slurm clusters that {@code scripts/slurm-lab up} started, as described by its env file.
 *
 * <p>The env file is found through the environment variable {@code SLURM_LAB_ENV}, else the system property
 * {@code slurm.lab.env}, else {@code /tmp/slurm-metrics-lab/lab.env}. It holds {@code KEY=VALUE} lines (values may
 * be double-quoted, {@code #} starts a comment): {@code LAB_VERSIONS="22.05 24.11 26.05"} and per version
 * {@code VV} ({@code 2205}) {@code LAB_VV_SLURM_VERSION}, {@code LAB_VV_CLUSTER}, {@code LAB_VV_REST_URL},
 * {@code LAB_VV_REST_SOCKET}, {@code LAB_VV_REST_USER}, {@code LAB_VV_TOKEN_FILE}, {@code LAB_VV_API_VERSIONS},
 * {@code LAB_VV_SLURM_CONF}, {@code LAB_VV_CLI_BIN}, {@code LAB_VV_METRICS_URL}; and {@code LAB_PROMETHEUS_BIN},
 * {@code LAB_PROMTOOL_BIN}.
 *
 * <p>In a JUnit 5 test tagged {@code slurm}, call {@link #require()}: without a lab the test is skipped with the
 * reason printed, unless {@code CI=true} (environment variable {@code CI} or system property {@code ci}), where a
 * missing lab is a failure. Instances are immutable and thread-safe.
 */
public final class SlurmLab {
  /** The env file used when neither {@code SLURM_LAB_ENV} nor {@code slurm.lab.env} is set. */
  public static final Path DEFAULT_ENV_FILE = Paths.get("/tmp/slurm-metrics-lab/lab.env");

  private final Path envFile;
  private final List<Cluster> clusters;
  private final Optional<Path> prometheusBin;
  private final Optional<Path> promtoolBin;

  private SlurmLab(Path envFile, List<Cluster> clusters, Optional<Path> prometheusBin, Optional<Path> promtoolBin) {
    this.envFile = envFile;
    this.clusters = List.copyOf(clusters);
    this.prometheusBin = prometheusBin;
    this.promtoolBin = promtoolBin;
  }

  /** The env file this process would read (see the class comment for the lookup order). */
  public static Path envFile() {
    return envFile(System::getenv, System::getProperty);
  }

  // The environment is a parameter so the no-lab and CI paths can be tested inside a CI run that has a lab.
  static Path envFile(UnaryOperator<String> environment, UnaryOperator<String> properties) {
    String fromEnv = environment.apply("SLURM_LAB_ENV");
    if (fromEnv != null && !fromEnv.isBlank()) return Paths.get(fromEnv);
    String fromProperty = properties.apply("slurm.lab.env");
    if (fromProperty != null && !fromProperty.isBlank()) return Paths.get(fromProperty);
    return DEFAULT_ENV_FILE;
  }

  /** True when {@code CI} (environment) or {@code ci} (system property) equals {@code true}. */
  public static boolean isCi() {
    return isCi(System::getenv, System::getProperty);
  }

  static boolean isCi(UnaryOperator<String> environment, UnaryOperator<String> properties) {
    return "true".equalsIgnoreCase(environment.apply("CI")) || "true".equalsIgnoreCase(properties.apply("ci"));
  }

  /** The lab described by {@link #envFile()}, or empty when that file does not exist or lists no cluster. */
  public static Optional<SlurmLab> find() {
    return find(envFile());
  }

  static Optional<SlurmLab> find(Path file) {
    if (!Files.isRegularFile(file)) return Optional.empty();
    SlurmLab lab = load(file);
    return lab.clusters.isEmpty() ? Optional.empty() : Optional.of(lab);
  }

  /**
   * The lab, for a JUnit 5 test. Without one the calling test is aborted (skipped) with a printed reason; with
   * {@code CI=true} it fails instead, because CI promised a lab.
   */
  public static SlurmLab require() {
    return require(System::getenv, System::getProperty);
  }

  static SlurmLab require(UnaryOperator<String> environment, UnaryOperator<String> properties) {
    Path file = envFile(environment, properties);
    Optional<SlurmLab> lab = find(file);
    if (lab.isPresent()) return lab.get();
    String reason = "no Slurm lab: " + file + " is missing or lists no cluster (start one with "
        + "`scripts/slurm-lab up`, or point SLURM_LAB_ENV / -Dslurm.lab.env at its lab.env)";
    if (isCi(environment, properties)) throw new IllegalStateException(reason + "; CI=true requires the lab");
    System.err.println("[slurm-lab] skipping: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /**
   * Like {@link #require()}, and additionally requires the given Slurm version ({@code 22.05}) to be part of the
   * lab; skips (or fails on CI) otherwise.
   */
  public static Cluster require(String labVersion) {
    SlurmLab lab = require();
    Optional<Cluster> cluster = lab.cluster(labVersion);
    if (cluster.isPresent()) return cluster.get();
    String reason = "Slurm lab " + lab.envFile + " has no " + labVersion + " cluster (it has "
        + lab.labVersions() + ")";
    if (isCi()) throw new IllegalStateException(reason + "; CI=true requires it");
    System.err.println("[slurm-lab] skipping: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /** Reads an env file. Fails with a message naming the file and key when a listed version lacks a key. */
  public static SlurmLab load(Path file) {
    Map<String, String> env;
    try {
      env = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Slurm lab env file " + file, e);
    }
    List<Cluster> clusters = new ArrayList<>();
    for (String version : words(env.getOrDefault("LAB_VERSIONS", ""))) {
      clusters.add(Cluster.from(file, version, env));
    }
    return new SlurmLab(file, clusters, optionalPath(env.get("LAB_PROMETHEUS_BIN")),
        optionalPath(env.get("LAB_PROMTOOL_BIN")));
  }

  /** Parses {@code KEY=VALUE} lines; double-quoted values may contain {@code \"} and {@code \\}. */
  static Map<String, String> parse(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (line.startsWith("export ")) line = line.substring("export ".length()).strip();
      int eq = line.indexOf('=');
      if (eq <= 0) continue;
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = unescape(value.substring(1, value.length() - 1));
      } else if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
        value = value.substring(1, value.length() - 1);
      }
      out.put(key, value);
    }
    return out;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
      b.append(c);
    }
    return b.toString();
  }

  private static List<String> words(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
  }

  private static Optional<Path> optionalPath(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(Paths.get(s));
  }

  /** The env file this lab was read from. */
  public Path source() {
    return envFile;
  }

  /** Every cluster of the lab, in {@code LAB_VERSIONS} order. */
  public List<Cluster> clusters() {
    return clusters;
  }

  /** The lab versions ({@code 22.05}, {@code 24.11}, ...), in {@code LAB_VERSIONS} order. */
  public List<String> labVersions() {
    List<String> out = new ArrayList<>();
    for (Cluster c : clusters) out.add(c.labVersion());
    return out;
  }

  /** The cluster running the given lab version ({@code 22.05}), if the lab has it. */
  public Optional<Cluster> cluster(String labVersion) {
    for (Cluster c : clusters) {
      if (c.labVersion().equals(labVersion)) return Optional.of(c);
    }
    return Optional.empty();
  }

  /** {@code LAB_PROMETHEUS_BIN}. */
  public Optional<Path> prometheusBin() {
    return prometheusBin;
  }

  /** {@code LAB_PROMTOOL_BIN}. */
  public Optional<Path> promtoolBin() {
    return promtoolBin;
  }

  @Override
  public String toString() {
    return "SlurmLab" + labVersions() + " from " + envFile;
  }

  /**
   * One real Slurm cluster of the lab.
   *
   * @param labVersion   the version as the lab names it ({@code 22.05})
   * @param slurmVersion the full Slurm version ({@code 22.05.8})
   * @param restSocket   slurmrestd's unix socket, when it listens on one
   * @param restUser     the {@code X-SLURM-USER-NAME} that goes with the token
   * @param apiVersions  REST API versions this slurmrestd serves ({@code v0.0.38}), oldest first as listed
   * @param cliBin       a directory of wrapper scripts ({@code sinfo}, {@code squeue}, ...) bound to this cluster
   * @param metricsUrl   the native OpenMetrics endpoint base URL (Slurm 25.11+), when the lab enabled it
   */
  public record Cluster(String labVersion, String slurmVersion, String clusterName, String restUrl,
      Optional<Path> restSocket, String restUser, Path tokenFile, List<String> apiVersions, Path slurmConf,
      Path cliBin, Optional<String> metricsUrl) {

    public Cluster {
      Objects.requireNonNull(labVersion, "labVersion");
      Objects.requireNonNull(slurmVersion, "slurmVersion");
      Objects.requireNonNull(clusterName, "clusterName");
      Objects.requireNonNull(restUrl, "restUrl");
      Objects.requireNonNull(restSocket, "restSocket");
      Objects.requireNonNull(restUser, "restUser");
      Objects.requireNonNull(tokenFile, "tokenFile");
      Objects.requireNonNull(slurmConf, "slurmConf");
      Objects.requireNonNull(cliBin, "cliBin");
      Objects.requireNonNull(metricsUrl, "metricsUrl");
      apiVersions = List.copyOf(apiVersions);
    }

    static Cluster from(Path file, String labVersion, Map<String, String> env) {
      String prefix = "LAB_" + labVersion.replace(".", "") + "_";
      return new Cluster(labVersion,
          required(file, env, prefix + "SLURM_VERSION"),
          required(file, env, prefix + "CLUSTER"),
          required(file, env, prefix + "REST_URL"),
          optionalPath(env.get(prefix + "REST_SOCKET")),
          required(file, env, prefix + "REST_USER"),
          Paths.get(required(file, env, prefix + "TOKEN_FILE")),
          words(required(file, env, prefix + "API_VERSIONS")),
          Paths.get(required(file, env, prefix + "SLURM_CONF")),
          Paths.get(required(file, env, prefix + "CLI_BIN")),
          Optional.ofNullable(env.get(prefix + "METRICS_URL")).filter(s -> !s.isBlank()));
    }

    private static String required(Path file, Map<String, String> env, String key) {
      String v = env.get(key);
      if (v == null || v.isBlank()) {
        throw new IllegalStateException("Slurm lab env file " + file + " lacks " + key);
      }
      return v;
    }

    /**
     * The current JWT, read from {@link #tokenFile()} on every call (the lab re-mints it). Never log it.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public String token() {
      try {
        return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the lab token file " + tokenFile, e);
      }
    }

    /** The newest REST API version this slurmrestd serves. */
    public String newestApiVersion() {
      return apiVersions.get(apiVersions.size() - 1);
    }

    /** The wrapper script for a Slurm command ({@code sinfo}) in {@link #cliBin()}. */
    public Path cli(String command) {
      return cliBin.resolve(command);
    }

    @Override
    public String toString() {
      // never the token, only where it lives
      return "Slurm " + slurmVersion + " cluster " + clusterName + " at " + restUrl;
    }
  }
}
