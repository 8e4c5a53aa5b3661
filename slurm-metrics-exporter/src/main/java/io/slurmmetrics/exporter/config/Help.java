package io.slurmmetrics.exporter.config;

import io.slurmmetrics.metrics.CollectorGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --help} text: flags grouped, defaults shown, then examples. */
public final class Help {
  private Help() {}

  public static String text(String version) {
    StringBuilder b = new StringBuilder();
    b.append("slurm-metrics-exporter ").append(version).append(
        " - Prometheus exporter for Slurm (also usable as -javaagent)\n\n");
    b.append("Usage: java -jar slurm-metrics-exporter.jar [flags]\n");
    Map<String, StringBuilder> groups = new LinkedHashMap<>();
    for (Flags.Flag f : Flags.ALL) {
      if (f.group().equals(Flags.COLLECTOR_SETTINGS)) continue; // listed with the collector switches
      StringBuilder g = groups.computeIfAbsent(f.group(), k -> new StringBuilder());
      String left = "  --" + f.name() + (f.bool() ? "" : "=<" + f.metavar() + ">");
      line(g, left, f.help() + (f.defaultValue().isEmpty() ? "" : " [default: " + f.defaultValue() + "]"));
      if (f.name().equals(Flags.HELP)) line(g, "  -h", "Same as --help.");
    }
    for (Map.Entry<String, StringBuilder> e : groups.entrySet()) {
      b.append('\n').append(e.getKey()).append(":\n").append(e.getValue());
      if (e.getKey().equals(Flags.SLURM)) appendCollectors(b);
    }
    b.append("""

        Examples:
          # a simulated cluster, then open http://localhost:9341/
          java -jar slurm-metrics-exporter.jar --demo

          # one cluster through slurmrestd with a token file
          java -jar slurm-metrics-exporter.jar --slurm.rest.url=http://slurmctl:6820 \\
              --slurm.rest.user=slurm --slurm.rest.token-file=/etc/slurm-metrics/jwt

          # the command line tools instead of slurmrestd, without per-node series
          java -jar slurm-metrics-exporter.jar --slurm.source=cli --no-collector.node

          # several clusters, TLS and basic auth
          java -jar slurm-metrics-exporter.jar --config.file=exporter.yml --web.config.file=web-config.yml

          # inside another JVM application, serving on :9341 with the same YAML config
          java -javaagent:slurm-metrics-exporter.jar=9341:exporter.yml -jar app.jar

        Endpoints: / (status page), /metrics (?cluster=NAME for one cluster), /-/healthy, /-/ready.
        Bad flags or config exit with status 2. Docs: docs/exporter.md.
        """);
    return b.toString();
  }

  private static void appendCollectors(StringBuilder b) {
    b.append("\nCollectors (switch a group of metric families on or off; health metrics are always on):\n");
    for (CollectorGroup g : CollectorGroup.values()) {
      line(b, "  --[no-]collector." + g.label(), describe(g) + " [default: " + (g.enabledByDefault() ? "on" : "off")
          + "]");
    }
    for (Flags.Flag f : Flags.ALL) {
      if (f.group().equals(Flags.COLLECTOR_SETTINGS)) {
        line(b, "  --" + f.name() + "=<" + f.metavar() + ">", f.help() + " [default: " + f.defaultValue() + "]");
      }
    }
  }

  private static String describe(CollectorGroup g) {
    return switch (g) {
      case PARTITION -> "Per-partition CPUs, memory, nodes, GPUs.";
      case CLUSTER -> "Cluster-wide CPU, memory and GPU totals.";
      case NODES -> "Node counts by state.";
      case NODE -> "One series per node; by default only up to --collector.node.max-nodes nodes.";
      case JOBS -> "Queue by partition, state and pending reason.";
      case USER -> "Queue figures per user.";
      case ACCOUNT -> "Queue figures per account.";
      case RESERVATION -> "Advance reservations.";
      case LICENSE -> "License pools.";
      case SCHEDULER -> "sdiag scheduler statistics.";
      case RPC -> "sdiag RPC statistics by message type.";
      case RPC_USER -> "sdiag RPC statistics by user.";
      case FAIRSHARE -> "Fair share per account.";
      case FAIRSHARE_USER -> "Fair share per user.";
      case ACCOUNTING -> "Finished-job counters and histograms from slurmdbd.";
      case ACCOUNTING_USER -> "Accounting families with a user label.";
      case JOB -> "One series per running job and step (steps from slurmdbd; high cardinality, capped).";
      default -> "Metric group " + g.label() + ".";
    };
  }

  private static void line(StringBuilder b, String left, String right) {
    b.append(left);
    int pad = 46 - left.length();
    if (pad < 2) {
      b.append('\n');
      pad = 46;
    }
    b.append(" ".repeat(pad)).append(right).append('\n');
  }

  /** Used by tests to check every flag is documented. */
  static List<Flags.Flag> flags() {
    return Flags.ALL;
  }
}
