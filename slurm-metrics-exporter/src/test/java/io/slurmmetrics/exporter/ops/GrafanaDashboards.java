package io.slurmmetrics.exporter.ops;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads Grafana dashboard JSON: panels (rows included) and their PromQL queries. */
final class GrafanaDashboards {
  private GrafanaDashboards() {}

  /** One panel query. */
  record Query(String panel, String expr) {}

  static Map<String, Object> load(Path dashboard) {
    try {
      Object parsed = new Moshi.Builder().build().adapter(Object.class).fromJson(RepositoryFiles.read(dashboard));
      return YamlFiles.map(parsed, RepositoryFiles.name(dashboard));
    } catch (IOException e) {
      throw new UncheckedIOException("bad JSON in " + dashboard, e);
    }
  }

  /** Every panel, including those nested in collapsed rows. */
  static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
    List<Map<String, Object>> out = new ArrayList<>();
    collect(dashboard.get("panels"), out);
    return out;
  }

  private static void collect(Object panels, List<Map<String, Object>> out) {
    if (panels == null) return;
    for (Object p : YamlFiles.list(panels, "panels")) {
      Map<String, Object> panel = YamlFiles.map(p, "panel");
      out.add(panel);
      collect(panel.get("panels"), out);
    }
  }

  static List<Query> queries(Path dashboard) {
    List<Query> out = new ArrayList<>();
    for (Map<String, Object> panel : panels(load(dashboard))) {
      Object targets = panel.get("targets");
      if (targets == null) continue;
      for (Object t : YamlFiles.list(targets, "targets")) {
        Object expr = YamlFiles.map(t, "target").get("expr");
        if (expr != null) out.add(new Query(String.valueOf(panel.get("title")), (String) expr));
      }
    }
    return out;
  }

  /** Replaces Grafana's variables by values Prometheus accepts, so the query can be parsed on its own. */
  static String substituteVariables(String expr) {
    return expr.replace("$__rate_interval", "5m")
        .replace("$__interval", "1m")
        .replace("$__range", "1h")
        .replace("${cluster}", ".*").replace("$cluster", ".*")
        .replace("${partition}", ".*").replace("$partition", ".*");
  }
}
