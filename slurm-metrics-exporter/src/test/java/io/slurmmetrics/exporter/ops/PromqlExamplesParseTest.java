package io.slurmmetrics.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.exporter.ops.Examples.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression we show users parses in Prometheus: each {@code promql} block of the docs and each panel
 * query of the Grafana dashboard becomes a recording rule in a temporary file that {@code promtool check rules}
 * must accept. Complete Prometheus configs and rule files shown in the docs go through {@code promtool} as well,
 * and every other YAML block must at least be valid YAML.
 */
class PromqlExamplesParseTest {
  private static final List<String> DOCS = List.of("docs/prometheus.md", "docs/troubleshooting.md");

  @TempDir Path tmp;

  @Test
  void everyPromqlExampleInTheDocsParses() throws IOException {
    List<Snippet> expressions = new ArrayList<>();
    for (String doc : DOCS) expressions.addAll(Examples.promqlExpressions(RepositoryFiles.resolve(doc)));
    assertThat(expressions).as("PromQL examples in docs/prometheus.md").hasSizeGreaterThan(20);
    assertParses(expressions);
  }

  @Test
  void everyGrafanaPanelQueryParses() throws IOException {
    List<Snippet> expressions = new ArrayList<>();
    for (Path dashboard : RepositoryFiles.list("deploy/grafana", ".json")) {
      for (GrafanaDashboards.Query q : GrafanaDashboards.queries(dashboard)) {
        expressions.add(new Snippet(RepositoryFiles.name(dashboard), 0,
            GrafanaDashboards.substituteVariables(q.expr()) + "  # panel: " + q.panel()));
      }
    }
    assertThat(expressions).as("panel queries").hasSizeGreaterThan(20);
    assertParses(expressions);
  }

  @Test
  void everyPrometheusConfigAndRuleFileInTheDocsIsAcceptedByPromtool() throws IOException {
    Path promtool = Tools.require("promtool", Tools.promtool());
    for (Path rules : RepositoryFiles.list("deploy/prometheus", "-rules.yml")) {
      Files.copy(rules, tmp.resolve(rules.getFileName()));
    }
    int checked = 0;
    for (String doc : DOCS) {
      for (Snippet block : Examples.fencedBlocks(RepositoryFiles.resolve(doc), "yaml")) {
        Object parsed;
        try {
          parsed = YamlFiles.parse(block.text());
        } catch (RuntimeException e) {
          throw new AssertionError("YAML block at " + block.where() + " does not parse: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) continue;
        String command;
        if (map.containsKey("groups")) {
          command = "rules";
        } else if (map.containsKey("scrape_configs") || map.containsKey("global")) {
          command = "config";
        } else {
          continue;  // a fragment (a scrape job, a Kubernetes object): valid YAML is all we can ask
        }
        Path file = tmp.resolve("block-" + checked + ".yml");
        Files.writeString(file, block.text(), StandardCharsets.UTF_8);
        Tools.Result r = Tools.run(Duration.ofMinutes(1), tmp, List.of(promtool.toString(), "check", command,
            file.toString()));
        assertThat(r.exitCode()).as("promtool check %s of the block at %s:%n%s%n%s", command, block.where(),
            block.text(), r.output()).isZero();
        checked++;
      }
    }
    assertThat(checked).as("complete configs and rule files in the docs").isGreaterThanOrEqualTo(3);
  }

  /** Writes the expressions as recording rules and asks promtool to check them; names each failing source. */
  private void assertParses(List<Snippet> expressions) throws IOException {
    Path promtool = Tools.require("promtool", Tools.promtool());
    StringBuilder yaml = new StringBuilder("groups:\n  - name: examples\n    rules:\n");
    StringBuilder index = new StringBuilder();
    for (int i = 0; i < expressions.size(); i++) {
      Snippet s = expressions.get(i);
      yaml.append("      - record: example_").append(i).append("\n        expr: |-\n");
      for (String line : s.text().split("\n", -1)) yaml.append("          ").append(line).append('\n');
      index.append("example_").append(i).append(" <- ").append(s.where()).append(": ").append(s.text())
          .append('\n');
    }
    Path file = tmp.resolve("examples-rules.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    Tools.Result r = Tools.run(Duration.ofMinutes(1), tmp, List.of(promtool.toString(), "check", "rules",
        file.toString()));
    assertThat(r.exitCode()).as("promtool check rules:%n%s%nwhere:%n%s", r.output(), index).isZero();
    assertThat(r.output()).contains("SUCCESS: " + expressions.size() + " rules found");
  }
}
