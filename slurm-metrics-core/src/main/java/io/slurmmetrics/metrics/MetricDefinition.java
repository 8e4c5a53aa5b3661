package io.slurmmetrics.metrics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One metric family of our public contract.
 *
 * @param name   the exposed name as users query it ({@code slurm_jobs_completed_total}, {@code slurm_info})
 * @param type   the Prometheus type
 * @param unit   the base unit ({@code bytes}, {@code seconds}, {@code ratio}) or the empty string
 * @param labels label names besides {@code cluster} and the constant labels, in display order
 * @param group  the switch that turns this family off, empty for health and self metrics (always on)
 * @param source where the numbers come from: an endpoint label ({@code nodes}, {@code diag}) or {@code exporter}
 */
public record MetricDefinition(String name, Type type, String unit, List<String> labels, String help,
    Optional<CollectorGroup> group, String source) {

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  /** Prometheus metric types we emit. */
  public enum Type {
    GAUGE, COUNTER, HISTOGRAM, INFO;

    /** The type as written in the exposition's {@code # TYPE} line. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public MetricDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(source, "source");
    labels = List.copyOf(labels);
    if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad metric name: " + name);
    if (type == Type.COUNTER && !name.endsWith("_total")) {
      throw new IllegalArgumentException("counter name must end in _total: " + name);
    }
    if (type == Type.INFO && !name.endsWith("_info")) {
      throw new IllegalArgumentException("info name must end in _info: " + name);
    }
    String base = type == Type.COUNTER ? name.substring(0, name.length() - "_total".length()) : name;
    if (!unit.isEmpty() && !base.endsWith("_" + unit)) {
      throw new IllegalArgumentException("name " + name + " must end in its unit " + unit);
    }
    if (help.isBlank()) throw new IllegalArgumentException("help missing for " + name);
  }

  /**
   * The name client_java's snapshots take: counters without {@code _total}, info without {@code _info} (the text
   * writers add the suffix back).
   */
  public String prometheusName() {
    return switch (type) {
      case COUNTER -> name.substring(0, name.length() - "_total".length());
      case INFO -> name.substring(0, name.length() - "_info".length());
      default -> name;
    };
  }

  /** True when this family is on for the given enabled groups. */
  public boolean enabledIn(java.util.Set<CollectorGroup> enabled) {
    return group.isEmpty() || enabled.contains(group.get());
  }
}
