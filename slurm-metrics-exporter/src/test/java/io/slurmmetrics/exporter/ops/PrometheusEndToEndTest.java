package io.slurmmetrics.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.testkit.exposition.Exposition;
import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's binary) scrapes the real exporter jar, which reads the real Slurm lab, with our
 * recording and alerting rules loaded. Checks: every target is up; every rule evaluates without error; the
 * recording rules built on gauges equal what we compute from the exporter's own /metrics output, and the
 * counter-based ones cover the same label sets; {@code /federate} hands out the Slurm series and rules.
 *
 * <p>Needs the exporter jar ({@code mvn package}; failsafe passes {@code exporter.jar}), the lab, and
 * {@code prometheus}. Without them the test is skipped with the reason printed; with {@code CI=true} it fails.
 */
@Tag("slurm")
class PrometheusEndToEndTest {
  private static final Duration STARTUP = Duration.ofMinutes(2);
  private static final Duration SETTLE = Duration.ofMinutes(2);
  /** Node states in which slurm:cluster_node_availability_ratio counts a node as available. */
  private static final Set<String> AVAILABLE = Set.of("idle", "mixed", "allocated", "completing", "planned");

  @TempDir Path tmp;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void prometheusScrapesTheExporterAndTheRulesMatchTheExporterOutput() throws Exception {
    SlurmLab lab = SlurmLab.require();
    Path jar = exporterJar();
    Path prometheus = Tools.require("prometheus", Tools.prometheus());
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");

    int exporterPort = freePort();
    int prometheusPort = freePort();
    Files.writeString(tmp.resolve("exporter.yml"), exporterConfig(lab, exporterPort), StandardCharsets.UTF_8);
    for (Path rules : RepositoryFiles.list("deploy/prometheus", "-rules.yml")) {
      Files.copy(rules, tmp.resolve(rules.getFileName()));
    }
    Files.writeString(tmp.resolve("prometheus.yml"), prometheusConfig(lab, exporterPort), StandardCharsets.UTF_8);
    String exporterUrl = "http://127.0.0.1:" + exporterPort;
    String prometheusUrl = "http://127.0.0.1:" + prometheusPort;

    try (ChildProcess exporter = ChildProcess.start("exporter", List.of(java.toString(), "-jar", jar.toString(),
            "--config.file=" + tmp.resolve("exporter.yml")), tmp);
        ChildProcess server = ChildProcess.start("prometheus", List.of(prometheus.toString(),
            "--config.file=" + tmp.resolve("prometheus.yml"), "--storage.tsdb.path=" + tmp.resolve("data"),
            "--web.listen-address=127.0.0.1:" + prometheusPort, "--log.level=warn"), tmp)) {
      Supplier<String> logs = () -> exporter.tail() + "\n" + server.tail();

      eventually(STARTUP, "the exporter to become ready", logs, () -> {
        if (!exporter.alive()) throw new AssertionError("the exporter exited\n" + exporter.tail());
        int status = PrometheusApi.get(http, exporterUrl + "/-/ready").status();
        return status == 200 ? Optional.empty() : Optional.of("/-/ready answered " + status);
      });
      eventually(STARTUP, "Prometheus to become ready", logs, () -> {
        if (!server.alive()) throw new AssertionError("prometheus exited\n" + server.tail());
        int status = PrometheusApi.get(http, prometheusUrl + "/-/ready").status();
        return status == 200 ? Optional.empty() : Optional.of("/-/ready answered " + status);
      });
      PrometheusApi api = new PrometheusApi(prometheusUrl);

      eventually(SETTLE, "every exporter target to be up", logs, () -> {
        List<Map<String, Object>> targets = api.activeTargets();
        if (targets.size() != lab.clusters().size()) return Optional.of("targets: " + targets);
        for (Map<String, Object> t : targets) {
          if (!"up".equals(t.get("health"))) return Optional.of("target " + t.get("scrapeUrl") + " is "
              + t.get("health") + ": " + t.get("lastError"));
        }
        return Optional.empty();
      });
      for (SlurmLab.Cluster c : lab.clusters()) {
        assertThat(api.query("up{cluster=\"" + c.clusterName() + "\"}")).singleElement()
            .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
      }

      eventually(SETTLE, "every rule to have been evaluated without error", logs, () -> {
        for (Map<String, Object> rule : api.rules()) {
          String name = String.valueOf(rule.get("name"));
          if (String.valueOf(rule.get("lastEvaluation")).startsWith("0001-")) return Optional.of(name + " not yet run");
          if (!"ok".equals(rule.get("health"))) return Optional.of(name + ": " + rule.get("lastError"));
        }
        return Optional.empty();
      });
      int shipped = 0;
      for (Path rules : RepositoryFiles.list("deploy/prometheus", "-rules.yml")) shipped += YamlFiles.rules(rules).size();
      assertThat(api.rules()).as("rules loaded by Prometheus").hasSize(shipped);

      for (SlurmLab.Cluster c : lab.clusters()) {
        String name = c.clusterName();
        eventually(SETTLE, "the recording rules of " + name + " to match the exporter's output", logs, () -> {
          Exposition e = Exposition.parse(PrometheusApi.get(http, exporterUrl + "/metrics?cluster=" + name).body());
          return mismatch(api, name, e);
        });
        String sel = "{cluster=\"" + name + "\"}";
        System.out.println("[ops e2e] " + name + ": recording rules agree with the exporter's /metrics: cpu "
            + byLabels(api.query("slurm:cluster_cpu_utilization_ratio" + sel)) + ", node availability "
            + byLabels(api.query("slurm:cluster_node_availability_ratio" + sel)) + ", queue depth "
            + byLabels(api.query("slurm:partition_queue_depth" + sel), "partition") + ", job states "
            + byLabels(api.query("slurm:job_states_by_partition" + sel), "partition", "state"));
      }

      PrometheusApi.Response federated = api.get("/federate?match[]=" + encode("{__name__=~\"slurm_.*\"}")
          + "&match[]=" + encode("{__name__=~\"slurm:.+\"}"));
      assertThat(federated.status()).isEqualTo(200);
      for (SlurmLab.Cluster c : lab.clusters()) {
        assertThat(federated.body()).as("federated series").containsPattern(
            "(?m)^slurm_controller_up\\{[^}]*cluster=\"" + c.clusterName() + "\"");
        assertThat(federated.body()).containsPattern(
            "(?m)^slurm:cluster_cpu_utilization_ratio\\{[^}]*cluster=\"" + c.clusterName() + "\"");
      }
    }
  }

  /** Empty when every checked recording rule agrees with the exporter's output, else what differs. */
  private static Optional<String> mismatch(PrometheusApi api, String cluster, Exposition e) {
    String sel = "{cluster=\"" + cluster + "\"}";
    List<String> problems = new ArrayList<>();

    ratio(e, "slurm_cluster_cpus_allocated", "slurm_cluster_cpus_total", cluster)
        .ifPresent(v -> compare(problems, "cpu utilisation", Map.of("", v),
            byLabels(api.query("slurm:cluster_cpu_utilization_ratio" + sel))));
    ratio(e, "slurm_cluster_memory_allocated_bytes", "slurm_cluster_memory_total_bytes", cluster)
        .ifPresent(v -> compare(problems, "memory utilisation", Map.of("", v),
            byLabels(api.query("slurm:cluster_memory_utilization_ratio" + sel))));

    double nodes = e.sum("slurm_nodes_total", "cluster", cluster);
    if (nodes > 0) {
      double available = 0;
      for (Map.Entry<String, Double> s : e.sumBy("slurm_nodes_total", "state", "cluster", cluster).entrySet()) {
        if (AVAILABLE.contains(s.getKey())) available += s.getValue();
      }
      compare(problems, "node availability", Map.of("", available / nodes),
          byLabels(api.query("slurm:cluster_node_availability_ratio" + sel)));
    }

    compare(problems, "queue depth", sumBy(e, "slurm_jobs_pending", cluster, "partition"),
        byLabels(api.query("slurm:partition_queue_depth" + sel), "partition"));
    compare(problems, "job states", sumBy(e, "slurm_jobs_total", cluster, "partition", "state"),
        byLabels(api.query("slurm:job_states_by_partition" + sel), "partition", "state"));

    // averages over 5 minutes and increases over hours: same series as the exporter, plausible values
    Map<String, Double> nodeUtil = byLabels(api.query("slurm:node_utilization_5m" + sel), "node");
    Map<String, Double> nodeTotals = sumBy(e, "slurm_node_cpus_total", cluster, "node");
    nodeTotals.values().removeIf(v -> v <= 0);
    sameKeys(problems, "node utilisation", nodeTotals, nodeUtil);
    nodeUtil.forEach((k, v) -> {
      if (!(v >= 0 && v <= 1)) problems.add("node utilisation of " + k + " is " + v);
    });
    sameKeys(problems, "CPU hours 24h", sumBy(e, "slurm_account_cpu_hours_used_total", cluster, "account", "user"),
        byLabels(api.query("slurm:user_cpu_hours_24h" + sel), "account", "user"));
    sameKeys(problems, "completion rate", sumBy(e, "slurm_jobs_completed_total", cluster, "account"),
        byLabels(api.query("slurm:account_job_completion_rate_1h" + sel), "account"));
    sameKeys(problems, "failure rate", sumBy(e, "slurm_jobs_failed_total", cluster, "partition", "user"),
        byLabels(api.query("slurm:job_failure_rate_1h" + sel), "partition", "user"));
    sameKeys(problems, "memory waste", sumBy(e, "slurm_job_waste_memory_gb_hours_total", cluster, "partition"),
        byLabels(api.query("slurm:partition_memory_waste_rate_1h" + sel), "partition"));
    for (String rule : List.of("slurm:user_cpu_hours_24h", "slurm:account_job_completion_rate_1h",
        "slurm:job_failure_rate_1h", "slurm:partition_memory_waste_rate_1h", "slurm:cluster_cpu_waste_rate_1h")) {
      for (PrometheusApi.Sample s : api.query(rule + sel)) {
        if (!(s.value() >= 0)) problems.add(rule + s.labels() + " = " + s.value());
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
  }

  private static Optional<Double> ratio(Exposition e, String numerator, String denominator, String cluster) {
    double d = e.sum(denominator, "cluster", cluster);
    return d > 0 ? Optional.of(e.sum(numerator, "cluster", cluster) / d) : Optional.empty();
  }

  /** Sum of a family's samples grouped by the given labels, keyed "v1/v2". */
  private static Map<String, Double> sumBy(Exposition e, String name, String cluster, String... labels) {
    Map<String, Double> out = new TreeMap<>();
    for (Exposition.Sample s : e.samples(name, "cluster", cluster)) out.merge(key(s.labels(), labels), s.value(),
        Double::sum);
    return out;
  }

  private static Map<String, Double> byLabels(List<PrometheusApi.Sample> samples, String... labels) {
    Map<String, Double> out = new TreeMap<>();
    for (PrometheusApi.Sample s : samples) {
      if (out.put(key(s.labels(), labels), s.value()) != null) {
        throw new AssertionError("two samples for " + s.labels() + " grouped by " + List.of(labels));
      }
    }
    return out;
  }

  private static String key(Map<String, String> labels, String... names) {
    List<String> parts = new ArrayList<>();
    for (String n : names) parts.add(labels.getOrDefault(n, ""));
    return String.join("/", parts);
  }

  private static void compare(List<String> problems, String what, Map<String, Double> expected,
      Map<String, Double> actual) {
    if (!expected.keySet().equals(actual.keySet())) {
      problems.add(what + ": expected " + expected + " from the exporter, Prometheus has " + actual);
      return;
    }
    expected.forEach((k, v) -> {
      if (Math.abs(v - actual.get(k)) > 1e-9 * Math.max(1, Math.abs(v))) {
        problems.add(what + " " + k + ": exporter gives " + v + ", the rule " + actual.get(k));
      }
    });
  }

  private static void sameKeys(List<String> problems, String what, Map<String, Double> exporter,
      Map<String, Double> rule) {
    if (!new TreeSet<>(exporter.keySet()).equals(new TreeSet<>(rule.keySet()))) {
      problems.add(what + ": exporter series " + exporter.keySet() + ", rule series " + rule.keySet());
    }
  }

  private static void eventually(Duration timeout, String what, Supplier<String> logs,
      Supplier<Optional<String>> check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<String> last = check.get();
    while (last.isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last.get()
            + "\n" + logs.get());
      }
      pause();
      last = check.get();
    }
  }

  /** The pause between two polls of a deadline loop (not a synchronisation: the loop re-checks the condition). */
  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    }
  }

  private static String exporterConfig(SlurmLab lab, int port) {
    StringBuilder b = new StringBuilder()
        .append("web:\n  listen_address: \"127.0.0.1:").append(port).append("\"\n")
        .append("refresh_interval: 5s\n")
        .append("clusters:\n");
    for (SlurmLab.Cluster c : lab.clusters()) {
      b.append("  - name: ").append(c.clusterName()).append('\n')
          .append("    source: rest\n")
          .append("    url: ").append(c.restUrl()).append('\n')
          .append("    user: ").append(c.restUser()).append('\n')
          .append("    token_file: ").append(c.tokenFile()).append('\n');
    }
    return b.toString();
  }

  /** Our multi-cluster layout: one job per cluster against the one exporter, selected by ?cluster=. */
  private static String prometheusConfig(SlurmLab lab, int exporterPort) {
    StringBuilder b = new StringBuilder()
        .append("global:\n  scrape_interval: 3s\n  scrape_timeout: 3s\n  evaluation_interval: 2s\n")
        .append("rule_files:\n  - slurm-recording-rules.yml\n  - slurm-alerting-rules.yml\n")
        .append("scrape_configs:\n");
    for (SlurmLab.Cluster c : lab.clusters()) {
      b.append("  - job_name: slurm-exporter-").append(c.clusterName()).append('\n')
          .append("    honor_labels: true\n")
          .append("    params:\n      cluster: [").append(c.clusterName()).append("]\n")
          .append("    static_configs:\n      - targets: ['127.0.0.1:").append(exporterPort).append("']\n")
          .append("        labels:\n          cluster: ").append(c.clusterName()).append('\n');
    }
    return b.toString();
  }

  private static Path exporterJar() {
    String property = System.getProperty("exporter.jar");
    Path jar = property != null && !property.isBlank() ? Paths.get(property)
        : RepositoryFiles.root().resolve("slurm-metrics-exporter/target/slurm-metrics-exporter.jar");
    if (Files.isRegularFile(jar)) return jar;
    return Tools.require(Optional.empty(), "no exporter jar at " + jar + " (built by mvn package)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
