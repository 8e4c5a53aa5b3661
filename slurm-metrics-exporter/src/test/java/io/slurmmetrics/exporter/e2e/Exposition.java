package io.slurmmetrics.exporter.e2e;

import io.slurmmetrics.metrics.MetricCatalog;
import io.slurmmetrics.metrics.MetricDefinition;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Just enough of the text format for the end-to-end assertions: sample lines by series, names present. */
final class Exposition {
  private Exposition() {}

  /** Sample lines keyed by {@code name{labels}}, values as text. */
  static Map<String, String> samples(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), line.substring(space + 1));
    }
    return out;
  }

  static Set<String> names(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (String series : samples(text).keySet()) {
      int brace = series.indexOf('{');
      names.add(brace < 0 ? series : series.substring(0, brace));
    }
    return names;
  }

  /** The sample names each catalogue family shows in the text format: histograms as their _count. */
  static List<String> contractNames() {
    return MetricCatalog.all().stream().map(Exposition::sampleName).toList();
  }

  static String sampleName(MetricDefinition d) {
    return d.type() == MetricDefinition.Type.HISTOGRAM ? d.name() + "_count" : d.name();
  }

  /** Contract names missing from {@code text}. */
  static List<String> missing(String text) {
    Set<String> present = names(text);
    return contractNames().stream().filter(n -> !present.contains(n)).toList();
  }

  /** Values of all Slurm series, to tell whether anything moved between two scrapes. */
  static Map<String, String> slurmValues(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    samples(text).forEach((k, v) -> {
      if (k.startsWith("slurm_") && !k.startsWith("slurm_exporter_")) out.put(k, v);
    });
    return out;
  }
}
