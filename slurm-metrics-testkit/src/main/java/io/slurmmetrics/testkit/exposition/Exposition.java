package io.slurmmetrics.testkit.exposition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A parsed Prometheus text exposition (format 0.0.4, and the sample lines of OpenMetrics), for assertions in tests
 * of any exporter.
 *
 * <pre>{@code
 * Exposition e = Exposition.parse(body);
 * assertThat(e.value("slurm_up", "source", "nodes")).isEqualTo(1.0);
 * assertThat(e.sum("slurm_nodes_total")).isEqualTo(6);
 * }</pre>
 *
 * <p>Strict about what it reads: a malformed line fails with its line number, so a broken exposition never passes
 * a test by accident.
 */
public final class Exposition {
  private final List<Sample> samples;
  private final Map<String, String> types;
  private final Map<String, String> helps;

  private Exposition(List<Sample> samples, Map<String, String> types, Map<String, String> helps) {
    this.samples = List.copyOf(samples);
    this.types = Collections.unmodifiableMap(types);
    this.helps = Collections.unmodifiableMap(helps);
  }

  /** One sample line: a series name, its labels and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      Objects.requireNonNull(name, "name");
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The value of label {@code name}, null when the sample has no such label. */
    public String label(String name) {
      return labels.get(name);
    }

    /** True when every given name/value pair is among the labels. */
    public boolean has(String... labelPairs) {
      for (int i = 0; i + 1 < labelPairs.length; i += 2) {
        if (!labelPairs[i + 1].equals(labels.get(labelPairs[i]))) return false;
      }
      return true;
    }
  }

  /** Reads a text-format exposition; a malformed line fails with its line number. */
  public static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) continue;
      try {
        if (line.startsWith("# TYPE ")) {
          String[] p = line.substring(7).split(" ", 2);
          types.put(p[0], p[1].trim());
        } else if (line.startsWith("# HELP ")) {
          String[] p = line.substring(7).split(" ", 2);
          helps.put(p[0], p.length > 1 ? p[1] : "");
        } else if (line.startsWith("#")) {
          continue; // UNIT, EOF, comments
        } else {
          samples.add(parseSample(line));
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("exposition line " + (i + 1) + " is malformed: " + line, e);
      }
    }
    return new Exposition(samples, types, helps);
  }

  private static Sample parseSample(String line) {
    int pos = 0;
    int n = line.length();
    while (pos < n && line.charAt(pos) != '{' && line.charAt(pos) != ' ') pos++;
    String name = line.substring(0, pos);
    if (name.isEmpty()) throw new IllegalArgumentException("no metric name");
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < n && line.charAt(pos) == '{') {
      pos++;
      while (true) {
        if (line.charAt(pos) == '}') {
          pos++;
          break;
        }
        int eq = line.indexOf('=', pos);
        String label = line.substring(pos, eq).trim();
        pos = eq + 1;
        if (line.charAt(pos) != '"') throw new IllegalArgumentException("label value not quoted");
        pos++;
        StringBuilder v = new StringBuilder();
        while (line.charAt(pos) != '"') {
          char c = line.charAt(pos);
          if (c == '\\') {
            char e = line.charAt(++pos);
            v.append(e == 'n' ? '\n' : e);
          } else {
            v.append(c);
          }
          pos++;
        }
        pos++;
        if (labels.put(label, v.toString()) != null) throw new IllegalArgumentException("duplicate label " + label);
        if (line.charAt(pos) == ',') pos++;
      }
    }
    String rest = line.substring(pos).trim();
    String valueText = rest.split(" ")[0];
    return new Sample(name, labels, parseValue(valueText));
  }

  private static double parseValue(String v) {
    return switch (v) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }

  /** Every sample, in the order of the text. */
  public List<Sample> samples() {
    return samples;
  }

  /** Samples of one series name ({@code slurm_up}, {@code x_bucket}), optionally filtered by label pairs. */
  public List<Sample> samples(String name, String... labelPairs) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labelPairs)).collect(Collectors.toList());
  }

  /** Every series name present. */
  public Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    for (Sample s : samples) out.add(s.name());
    return out;
  }

  /** Family names with a {@code # TYPE} line. */
  public Set<String> families() {
    return types.keySet();
  }

  /** The family's {@code # TYPE} ({@code gauge}, {@code counter}, ...), empty when it has none. */
  public Optional<String> type(String family) {
    return Optional.ofNullable(types.get(family));
  }

  /** The family's {@code # HELP} text, empty when it has none. */
  public Optional<String> help(String family) {
    return Optional.ofNullable(helps.get(family));
  }

  /** True when a sample of this name (with these label pairs) exists. */
  public boolean has(String name, String... labelPairs) {
    return !samples(name, labelPairs).isEmpty();
  }

  /** The one sample's value; fails naming the series when there is none or more than one. */
  public double value(String name, String... labelPairs) {
    List<Sample> found = samples(name, labelPairs);
    if (found.size() != 1) {
      throw new AssertionError("expected exactly one sample " + name + java.util.Arrays.toString(labelPairs)
          + ", found " + found.size() + ": " + found);
    }
    return found.get(0).value();
  }

  /** Sum of the samples of this name matching the label pairs (0 when none). */
  public double sum(String name, String... labelPairs) {
    return samples(name, labelPairs).stream().mapToDouble(Sample::value).sum();
  }

  /** Sum by one label: {@code sum by (state) (slurm_nodes_total)}. */
  public Map<String, Double> sumBy(String name, String label, String... labelPairs) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Sample s : samples(name, labelPairs)) out.merge(s.labels().getOrDefault(label, ""), s.value(), Double::sum);
    return out;
  }

  /** Samples matching an arbitrary condition. */
  public List<Sample> filter(Predicate<Sample> p) {
    return samples.stream().filter(p).collect(Collectors.toList());
  }
}
