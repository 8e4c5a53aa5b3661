package io.slurmmetrics.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard: the sections the issue asks for, {@code cluster} and {@code partition} variables that every
 * Slurm query honours, and panels that all query something. Metric names and query syntax are checked by
 * {@link MetricNamesInCatalogueTest} and {@link PromqlExamplesParseTest}.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = RepositoryFiles.resolve("deploy/grafana/slurm-dashboard.json");
  /** {@code partition} as a label name, not inside a metric or rule name such as {@code slurm_partition_...}. */
  private static final Pattern PARTITION_LABEL = Pattern.compile("(?<![a-z_:])partition(?![a-z_])");

  @Test
  void hasARowForEachArea() {
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> p : GrafanaDashboards.panels(GrafanaDashboards.load(DASHBOARD))) {
      if ("row".equals(p.get("type"))) rows.add(((String) p.get("title")).toLowerCase(java.util.Locale.ROOT));
    }
    for (String area : List.of("cluster overview", "partitions", "nodes", "queue", "gpus", "accounting", "scheduler",
        "exporter health")) {
      assertThat(rows).as("rows").anySatisfy(r -> assertThat(r).startsWith(area));
    }
  }

  @Test
  void hasClusterAndPartitionVariablesFedFromOurMetrics() {
    Map<String, Object> dashboard = GrafanaDashboards.load(DASHBOARD);
    Map<String, Object> templating = YamlFiles.map(dashboard.get("templating"), "templating");
    Set<String> names = new LinkedHashSet<>();
    for (Object v : YamlFiles.list(templating.get("list"), "templating.list")) {
      Map<String, Object> variable = YamlFiles.map(v, "variable");
      names.add((String) variable.get("name"));
      if (variable.get("name").equals("cluster") || variable.get("name").equals("partition")) {
        assertThat(String.valueOf(variable.get("definition"))).startsWith("label_values(slurm_");
        assertThat(variable.get("multi")).isEqualTo(true);
        assertThat(variable.get("includeAll")).isEqualTo(true);
      }
    }
    assertThat(names).contains("datasource", "cluster", "partition");
    assertThat(dashboard.get("uid")).isEqualTo("slurm-metrics");
  }

  @Test
  void everySlurmQueryIsFilteredByTheClusterVariable() {
    for (GrafanaDashboards.Query q : GrafanaDashboards.queries(DASHBOARD)) {
      String expr = q.expr();
      // up{} and the build info have no cluster label; everything else does
      if (expr.startsWith("up{") || expr.equals("slurm_exporter_build_info")) continue;
      assertThat(expr).as("query of panel %s", q.panel()).contains("cluster=~\"$cluster\"");
      // a query that keeps or filters the partition label must follow the partition variable too
      if (PARTITION_LABEL.matcher(expr).find()) {
        assertThat(expr).as("query of panel %s", q.panel()).contains("partition=~\"$partition\"");
      }
    }
  }

  @Test
  void everyPanelButRowsQueriesSomethingThroughTheDatasourceVariable() {
    Set<Object> ids = new LinkedHashSet<>();
    for (Map<String, Object> p : GrafanaDashboards.panels(GrafanaDashboards.load(DASHBOARD))) {
      assertThat(ids.add(p.get("id"))).as("panel ids are unique: %s", p.get("id")).isTrue();
      if ("row".equals(p.get("type"))) continue;
      assertThat(YamlFiles.list(p.get("targets"), "targets")).as("targets of %s", p.get("title")).isNotEmpty();
      assertThat(YamlFiles.map(p.get("datasource"), "datasource").get("uid")).isEqualTo("${datasource}");
    }
  }
}
