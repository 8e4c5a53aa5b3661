package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import io.slurmmetrics.snapshot.TestClock;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code promtool check metrics} (Debian's prometheus package) on our whole output, every group on, with a failed
 * endpoint so the error families are populated too.
 */
class PromtoolTest {

  /**
   * Gauges whose names end in {@code _total} because the user guide (our public contract) names them so; promtool's
   * lint flags exactly these, and nothing else may be flagged.
   */
  static final Set<String> CONTRACT_GAUGES_ENDING_IN_TOTAL = Set.of(
      "slurm_nodes_total", "slurm_jobs_total", "slurm_partition_cpus_total", "slurm_partition_nodes_total",
      "slurm_partition_gpus_total", "slurm_cluster_cpus_total", "slurm_cluster_gpus_total", "slurm_node_cpus_total",
      "slurm_node_gpus_total", "slurm_license_total");

  static Optional<Path> promtool() {
    Optional<Path> fromLab = SlurmLab.find().flatMap(SlurmLab::promtoolBin).filter(Files::isExecutable);
    if (fromLab.isPresent()) return fromLab;
    Path usr = Paths.get("/usr/bin/promtool");
    return Files.isExecutable(usr) ? Optional.of(usr) : Optional.empty();
  }

  @Test
  void promtoolFindsNoProblemsBeyondTheContractsGaugeNames() throws Exception {
    Optional<Path> promtool = promtool();
    if (promtool.isEmpty()) {
      String reason = "promtool not found (lab env or /usr/bin/promtool; Debian package prometheus)";
      if (SlurmLab.isCi()) throw new AssertionError(reason + " and CI=true");
      Assumptions.abort(reason);
    }
    TestClock clock = new TestClock();
    FakeSlurmSource source = TestCluster.source(clock.instant());
    source.fail(Endpoint.LICENSES, ErrorKind.AUTH);
    try (SlurmMetrics m = SlurmMetrics.builder().source(source).clock(clock)
        .collectors(EnumSet.allOf(CollectorGroup.class)).constLabels(Map.of("site", "north")).build()) {
      String text = Text.of(m.collect(Duration.ofSeconds(20)));
      assertThat(text).contains("slurm_exporter_collect_errors_total{");

      Process p = new ProcessBuilder(promtool.get().toString(), "check", "metrics").redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(text.getBytes(StandardCharsets.UTF_8));
      }
      String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      List<String> problems = new ArrayList<>();
      for (String line : report.split("\n")) {
        if (line.isBlank()) continue;
        String metric = line.split(" ", 2)[0];
        boolean allowed = CONTRACT_GAUGES_ENDING_IN_TOTAL.contains(metric)
            && line.contains("non-counter metrics should not have \"_total\" suffix");
        if (!allowed) problems.add(line);
      }
      assertThat(problems).as("promtool check metrics:\n" + report).isEmpty();
      // 0: clean; 3: lint findings (only the allowed ones above); 1 would be a parse error
      assertThat(p.exitValue()).as(report).isIn(0, 3);
    }
  }

  @Test
  void theAllowListNamesOnlyGaugesOfTheCatalogue() throws IOException {
    Set<String> gauges = MetricCatalog.all().stream().filter(d -> d.type() == MetricDefinition.Type.GAUGE)
        .map(MetricDefinition::name).collect(Collectors.toSet());
    assertThat(gauges).containsAll(CONTRACT_GAUGES_ENDING_IN_TOTAL);
  }
}
