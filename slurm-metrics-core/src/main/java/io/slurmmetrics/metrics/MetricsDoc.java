package io.slurmmetrics.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Generates {@code docs/metrics.md} from the {@link MetricCatalog}, so the reference never drifts from the code.
 *
 * <pre>
 * mvn -o -q -pl slurm-metrics-core -am compile
 * java -cp slurm-metrics-core/target/classes io.slurmmetrics.metrics.MetricsDoc docs/metrics.md
 * </pre>
 */
public final class MetricsDoc {
  /** How to regenerate, printed by the test that compares the committed file. */
  public static final String REGENERATE = "mvn -o -q -pl slurm-metrics-core -am compile && "
      + "java -cp slurm-metrics-core/target/classes io.slurmmetrics.metrics.MetricsDoc docs/metrics.md";

  private MetricsDoc() {}

  /** Writes the reference to {@code args[0]} (default {@code docs/metrics.md}). */
  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : "docs/metrics.md");
    Files.writeString(out, render(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  /** The whole document. */
  public static String render() {
    StringBuilder b = new StringBuilder();
    b.append("# Metrics reference\n\n");
    b.append("<!-- Generated from io.slurmmetrics.metrics.MetricCatalog by MetricsDoc. Do not edit: run\n");
    b.append("     ").append(REGENERATE).append(" -->\n\n");
    b.append("Every Slurm series carries `cluster` (Slurm's ClusterName unless overridden) plus any configured ")
        .append("constant labels;\nonly `slurm_exporter_build_info` has no `cluster`. Units are base units ")
        .append("(bytes, seconds, ratios 0..1).\n")
        .append("Families of a switched-off group are neither fetched nor exposed. Each family is capped at the ")
        .append("series limit;\nseries beyond it are dropped and counted in ")
        .append("`slurm_exporter_series_dropped_total{family}`.\n")
        .append("When a source (endpoint) fails, `slurm_up{source}` is 0 and its families are left out: ")
        .append("numbers are never served stale.\n\n");
    b.append("## Collector groups\n\n");
    b.append("Switch with `--collector.<name>` / `--no-collector.<name>` (exporter) or ")
        .append("`SlurmMetrics.builder().enable(..)/.disable(..)` (library).\n\n");
    b.append("| group | default | families |\n|---|---|---|\n");
    for (CollectorGroup g : CollectorGroup.values()) {
      long n = MetricCatalog.all().stream().filter(d -> d.group().equals(Optional.of(g))).count();
      b.append("| `").append(g.label()).append("` | ").append(g.enabledByDefault() ? "on" : "off").append(" | ")
          .append(n).append(" |\n");
    }
    b.append("\n");
    for (CollectorGroup g : CollectorGroup.values()) {
      List<MetricDefinition> defs = MetricCatalog.all().stream()
          .filter(d -> d.group().equals(Optional.of(g))).collect(Collectors.toList());
      if (defs.isEmpty()) continue;
      b.append("## `").append(g.label()).append("`").append(g.enabledByDefault() ? "" : " (off by default)")
          .append("\n\n");
      if (g == CollectorGroup.NODE) {
        b.append(String.format(java.util.Locale.ROOT, "On by default only for clusters of up to %,d nodes ",
                CollectorGroup.NODE_SERIES_MAX_NODES_DEFAULT))
            .append("(`--collector.node.max-nodes`, `nodeSeriesMaxNodes(..)`): above that the per-node families ")
            .append("are left out unless `node` is enabled explicitly (`--collector.node`, ")
            .append("`enable(CollectorGroup.NODE)`), so a large cluster's default scrape stays under 50,000 samples. ")
            .append("`slurm_exporter_collector_enabled{collector=\"node\"}` shows which applies.\n\n");
      }
      if (g == CollectorGroup.ACCOUNTING) {
        b.append("Rendered by the accounting package from slurmdbd; with `accounting_user` off the `user` label ")
            .append("is dropped (values summed over users).\n\n");
      }
      table(b, defs);
    }
    b.append("## Health and self (always on)\n\n");
    table(b, MetricCatalog.all().stream().filter(d -> d.group().isEmpty()).collect(Collectors.toList()));
    return b.toString();
  }

  private static void table(StringBuilder b, List<MetricDefinition> defs) {
    b.append("| name | type | unit | labels | help | group | source |\n|---|---|---|---|---|---|---|\n");
    for (MetricDefinition d : defs) {
      b.append("| `").append(d.name()).append("` | ").append(d.type().label()).append(" | ")
          .append(d.unit().isEmpty() ? "" : d.unit()).append(" | ")
          .append(d.labels().stream().map(l -> "`" + l + "`").collect(Collectors.joining(", "))).append(" | ")
          .append(d.help().replace("|", "\\|")).append(" | ")
          .append(d.group().map(g -> "`" + g.label() + "`").orElse("always")).append(" | ")
          .append(d.source()).append(" |\n");
    }
    b.append("\n");
  }
}
