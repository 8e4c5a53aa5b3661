package io.slurmmetrics.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.metrics.MetricCatalog;
import io.slurmmetrics.metrics.MetricDefinition;
import io.slurmmetrics.metrics.MetricDefinition.Type;
import io.slurmmetrics.source.ErrorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric name our rules, dashboards, manifests and docs use is one the exporter emits (the metric catalogue),
 * and every recording rule they use is defined. A renamed metric therefore breaks this test, not a user's alert.
 */
class MetricNamesInCatalogueTest {
  /**
   * A metric name: {@code slurm_...} not glued to a longer identifier. A match that a regular expression operator
   * follows ({@code slurm_job_.+} in a relabel rule) is a pattern, not a name, and is left out.
   */
  private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:])slurm_[a-z0-9_]+(?![a-z0-9_.(|*+?\\\\\\[])");
  private static final Pattern RECORDING_RULE = Pattern.compile("(?<![A-Za-z0-9_:])slurm:[a-z0-9_]+");

  /**
   * Words of ours that look like metric names but are not: the {@code kind} label values of the error counter
   * ({@code slurm_error}) and the exporter's YAML key {@code slurm_conf}.
   */
  private static final Set<String> NOT_METRICS = notMetrics();

  private static Set<String> notMetrics() {
    Set<String> words = new TreeSet<>(Set.of("slurm_conf"));
    for (ErrorKind kind : ErrorKind.values()) words.add(kind.label());
    return words;
  }

  /** Files that users copy or read. */
  static List<Path> assets() {
    List<Path> files = new ArrayList<>();
    files.addAll(RepositoryFiles.list("deploy/prometheus", ".yml"));
    files.addAll(RepositoryFiles.list("deploy/grafana", ".json"));
    files.addAll(RepositoryFiles.list("deploy/kubernetes", ".yaml"));
    for (String doc : List.of("docs/prometheus.md", "docs/troubleshooting.md", "docs/configuration.md")) {
      files.add(RepositoryFiles.resolve(doc));
    }
    return files;
  }

  @Test
  void everyMetricNameInRulesDashboardsManifestsAndDocsIsInTheCatalogue() {
    Map<String, Set<String>> unknown = new TreeMap<>();
    Set<String> seen = new TreeSet<>();
    for (Path file : assets()) {
      Matcher m = METRIC.matcher(RepositoryFiles.read(file));
      while (m.find()) {
        String name = m.group();
        seen.add(name);
        if (!emitted(name) && !NOT_METRICS.contains(name)) unknown.computeIfAbsent(name, k -> new TreeSet<>()).add(RepositoryFiles.name(file));
      }
    }
    assertThat(unknown).as("metric names not in io.slurmmetrics.metrics.MetricCatalog (name -> files)").isEmpty();
    // the extraction itself works: the rules alone use far more than a handful of families
    assertThat(seen).hasSizeGreaterThan(30).contains("slurm_cluster_cpus_allocated", "slurm_jobs_failed_total");
  }

  @Test
  void everyRecordingRuleUsedIsDefined() {
    Set<String> defined = new TreeSet<>();
    for (Map<String, Object> r : YamlFiles.rules(RepositoryFiles.resolve("deploy/prometheus/slurm-recording-rules.yml"))) {
      defined.add((String) r.get("record"));
    }
    Map<String, Set<String>> undefined = new TreeMap<>();
    for (Path file : assets()) {
      Matcher m = RECORDING_RULE.matcher(RepositoryFiles.read(file));
      while (m.find()) {
        if (!defined.contains(m.group())) {
          undefined.computeIfAbsent(m.group(), k -> new TreeSet<>()).add(RepositoryFiles.name(file));
        }
      }
    }
    assertThat(undefined).as("recording rules used but not defined in slurm-recording-rules.yml").isEmpty();
  }

  @Test
  void seriesSuffixesAreAcceptedOnlyForTheTypesThatHaveThem() {
    assertThat(emitted("slurm_job_wait_time_seconds_bucket")).isTrue();
    assertThat(emitted("slurm_jobs_completed_total")).isTrue();
    assertThat(emitted("slurm_jobs_completed_created")).isTrue();
    assertThat(emitted("slurm_cluster_cpus_total_bucket")).as("a gauge has no buckets").isFalse();
    assertThat(emitted("slurm_job_waste_cpu_hours")).as("the guide's counter name without _total").isFalse();
  }

  @Test
  void namesAreExtractedWhileRegexFragmentsAndRuleNamesAreNot() {
    String text = "slurm_up{source=\"jobs\"} / slurm:partition_queue_depth regex: 'slurm_job_.+' "
        + "{__name__=~\"slurm_(controller|database)_up\"} `slurm_jobs_total`, SLURM_JWT my_slurm_thing";
    List<String> found = new ArrayList<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) found.add(m.group());
    assertThat(found).containsExactly("slurm_up", "slurm_jobs_total");
  }

  /**
   * True when a scrape can contain a series of this name: a catalogue family, a histogram's {@code _bucket},
   * {@code _count}, {@code _sum} or {@code _created}, or a counter's {@code _created}.
   */
  static boolean emitted(String name) {
    if (MetricCatalog.find(name).isPresent()) return true;
    for (String suffix : List.of("_bucket", "_count", "_sum", "_created")) {
      if (!name.endsWith(suffix)) continue;
      String base = name.substring(0, name.length() - suffix.length());
      Optional<MetricDefinition> histogram = MetricCatalog.find(base).filter(d -> d.type() == Type.HISTOGRAM);
      if (histogram.isPresent()) return true;
      if (suffix.equals("_created")
          && MetricCatalog.find(base + "_total").filter(d -> d.type() == Type.COUNTER).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
