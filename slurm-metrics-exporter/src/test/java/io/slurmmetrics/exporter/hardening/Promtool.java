package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.metrics.MetricCatalog;
import io.slurmmetrics.metrics.MetricDefinition;
import io.slurmmetrics.testkit.lab.SlurmLab;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/** {@code promtool check metrics} (Debian's prometheus package) on a served body. */
final class Promtool {
  private Promtool() {}

  static Path find() {
    Optional<Path> fromLab = SlurmLab.find().flatMap(SlurmLab::promtoolBin).filter(Files::isExecutable);
    Path p = fromLab.orElse(Paths.get("/usr/bin/promtool"));
    if (Files.isExecutable(p)) return p;
    String reason = "promtool not found (lab env or /usr/bin/promtool; Debian package prometheus)";
    if (SlurmLab.isCi()) throw new AssertionError(reason + " and CI=true");
    throw new TestAbortedException(reason);
  }

  /**
   * No parse error and no lint finding, except "non-counter metrics should not have _total suffix" for the gauges
   * the contract names {@code *_total} (read from the catalogue).
   */
  static void assertAccepts(byte[] exposition) throws Exception {
    Process p = new ProcessBuilder(find().toString(), "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(exposition);
    }
    String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Set<String> gaugesNamedTotal = MetricCatalog.all().stream()
        .filter(d -> d.type() == MetricDefinition.Type.GAUGE).map(MetricDefinition::name)
        .filter(n -> n.endsWith("_total")).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    for (String line : report.split("\n")) {
      if (line.isBlank()) continue;
      String metric = line.split(" ", 2)[0];
      if (!(gaugesNamedTotal.contains(metric)
          && line.contains("non-counter metrics should not have \"_total\" suffix"))) {
        problems.add(line);
      }
    }
    assertThat(problems).as("promtool check metrics:\n%s", report).isEmpty();
    assertThat(p.exitValue()).as("promtool exit status (0 clean, 3 lint only):\n%s", report).isIn(0, 3);
  }
}
