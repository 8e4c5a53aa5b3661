package io.slurmmetrics.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus assets under deploy/prometheus: promtool accepts them and their unit tests pass, every rule the
 * guide names exists, every rule and alert has a unit test, and every alert links to a runbook that exists.
 */
class PrometheusAssetsTest {
  /** The recording rules the user guide promises, by name. */
  static final Set<String> GUIDE_RECORDING_RULES = Set.of(
      "slurm:cluster_cpu_utilization_ratio", "slurm:cluster_memory_utilization_ratio",
      "slurm:cluster_node_availability_ratio", "slurm:partition_queue_depth", "slurm:partition_efficiency_ratio",
      "slurm:user_cpu_hours_24h", "slurm:account_job_completion_rate_1h", "slurm:job_wait_time_p95_5m",
      "slurm:job_failure_rate_1h", "slurm:cluster_cpu_waste_rate_1h", "slurm:partition_memory_waste_rate_1h",
      "slurm:node_utilization_5m", "slurm:job_states_by_partition");

  private static final Path RECORDING = RepositoryFiles.resolve("deploy/prometheus/slurm-recording-rules.yml");
  private static final Path ALERTING = RepositoryFiles.resolve("deploy/prometheus/slurm-alerting-rules.yml");

  @Test
  void promtoolAcceptsEveryRuleFileAndConfigAndEveryRuleUnitTestPasses() {
    Path promtool = Tools.require("promtool", Tools.promtool());
    Path script = RepositoryFiles.resolve("scripts/check-prometheus-assets");
    List<String> command = List.of("/usr/bin/env", "PROMTOOL=" + promtool, "bash", script.toString());
    Tools.Result result = Tools.run(Duration.ofMinutes(3), RepositoryFiles.root(), command);
    System.out.println(result.output());

    assertThat(result.exitCode()).as("scripts/check-prometheus-assets output:%n%s", result.output()).isZero();
    for (Path f : RepositoryFiles.list("deploy/prometheus", ".yml")) {
      String name = RepositoryFiles.name(f);
      String check = name.contains("/tests/") ? "test rules" : name.contains("-rules") ? "check rules" : "check config";
      assertThat(result.output()).as("%s was checked", name).containsPattern("ok +" + check + " +" + Pattern.quote(name));
    }
  }

  @Test
  void everyRecordingRuleTheGuideNamesIsDefinedOnce() {
    List<String> records = new ArrayList<>();
    for (Map<String, Object> r : YamlFiles.rules(RECORDING)) records.add((String) r.get("record"));
    assertThat(records).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(GUIDE_RECORDING_RULES);
  }

  @Test
  void everyRecordingRuleIsEvaluatedByAUnitTest() {
    Set<String> tested = new LinkedHashSet<>();
    for (Map<String, Object> test : unitTests()) {
      for (Object t : optionalList(test.get("promql_expr_test"))) {
        Map<String, Object> exprTest = YamlFiles.map(t, "promql_expr_test");
        if (!YamlFiles.list(exprTest.get("exp_samples"), "exp_samples").isEmpty()) {
          tested.add(String.valueOf(exprTest.get("expr")).trim());
        }
      }
    }
    assertThat(tested).as("rules with expected samples in deploy/prometheus/tests")
        .containsAll(GUIDE_RECORDING_RULES);
  }

  @Test
  void everyAlertIsShownBothSilentAndFiringByAUnitTest() {
    Map<String, Set<Boolean>> outcomes = new LinkedHashMap<>();
    for (Map<String, Object> test : unitTests()) {
      for (Object t : optionalList(test.get("alert_rule_test"))) {
        Map<String, Object> alertTest = YamlFiles.map(t, "alert_rule_test");
        boolean fires = !optionalList(alertTest.get("exp_alerts")).isEmpty();
        outcomes.computeIfAbsent((String) alertTest.get("alertname"), k -> new LinkedHashSet<>()).add(fires);
      }
    }
    for (String alert : alertNames()) {
      assertThat(outcomes.get(alert)).as("unit tests of %s (silent, firing)", alert).containsExactlyInAnyOrder(false, true);
    }
  }

  @Test
  void everyAlertHasASummaryADescriptionAndARunbookSectionThatExists() {
    Set<String> anchors = markdownAnchors(RepositoryFiles.read("docs/troubleshooting.md"));
    for (Map<String, Object> rule : YamlFiles.rules(ALERTING)) {
      String alert = (String) rule.get("alert");
      Map<String, Object> annotations = YamlFiles.map(rule.get("annotations"), alert + " annotations");
      assertThat(annotations).as(alert).containsKeys("summary", "description", "runbook_url");
      assertThat(rule.get("labels")).as(alert + " labels").isInstanceOf(Map.class);
      assertThat(YamlFiles.map(rule.get("labels"), alert).get("severity")).as(alert + " severity")
          .isIn("critical", "warning", "info");
      String runbook = (String) annotations.get("runbook_url");
      assertThat(runbook).as(alert + " runbook_url").contains("docs/troubleshooting.md#");
      String anchor = runbook.substring(runbook.indexOf('#') + 1);
      assertThat(anchors).as("sections of docs/troubleshooting.md (runbook of %s)", alert).contains(anchor);
    }
  }

  @Test
  void alertsExpectTheScrapeJobNamesOfTheExampleConfigs() {
    // SlurmExporterDown matches up{job=~"slurm-exporter.*"}: every example job scraping the exporter must match
    Pattern jobMatcher = Pattern.compile("slurm-exporter.*");
    for (String config : List.of("prometheus.yml", "prometheus-multi-cluster.yml")) {
      Path file = RepositoryFiles.resolve("deploy/prometheus/" + config);
      for (Object sc : YamlFiles.list(YamlFiles.map(YamlFiles.load(file), config).get("scrape_configs"), config)) {
        Map<String, Object> scrape = YamlFiles.map(sc, config);
        String job = (String) scrape.get("job_name");
        if (job.equals("prometheus")) continue;
        assertThat(job).as("scrape job in %s", config).matches(jobMatcher);
      }
    }
    assertThat(RepositoryFiles.read(ALERTING)).contains("up{job=~\"slurm-exporter.*\"} == 0");
  }

  static List<String> alertNames() {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> r : YamlFiles.rules(ALERTING)) names.add((String) r.get("alert"));
    return names;
  }

  private static List<Map<String, Object>> unitTests() {
    List<Map<String, Object>> tests = new ArrayList<>();
    for (Path f : RepositoryFiles.list("deploy/prometheus/tests", ".yml")) {
      String name = RepositoryFiles.name(f);
      for (Object t : YamlFiles.list(YamlFiles.map(YamlFiles.load(f), name).get("tests"), name + " tests")) {
        tests.add(YamlFiles.map(t, name + " test"));
      }
    }
    return tests;
  }

  private static List<Object> optionalList(Object o) {
    return o == null ? List.of() : YamlFiles.list(o, "list");
  }

  /** Anchors of markdown headings the way GitHub makes them: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> markdownAnchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$").matcher(markdown);
    boolean inFence = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) inFence = !inFence;
      if (inFence) continue;
      m.reset(line);
      if (m.matches()) {
        String text = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        anchors.add(text);
      }
    }
    return anchors;
  }
}
