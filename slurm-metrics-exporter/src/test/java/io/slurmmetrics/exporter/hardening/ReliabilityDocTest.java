package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md stays honest: every row of its fault matrix names at least one test, and every
 * {@code Class.method} it names is a test method that exists in core or the exporter and is not disabled.
 */
class ReliabilityDocTest {
  private static final Pattern TEST_REF = Pattern.compile("`([A-Z][A-Za-z0-9]*Test)\\.([a-z][A-Za-z0-9]*)`");

  @Test
  void everyRowNamesATestThatExistsAndRuns() throws IOException {
    Path root = repositoryRoot();
    List<String> rows = Files.readAllLines(root.resolve("docs/reliability.md"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("| ") && !l.startsWith("| Fault ") && !l.startsWith("|---")).toList();
    assertThat(rows).as("fault matrix rows").hasSizeGreaterThan(15);
    List<String> problems = new ArrayList<>();
    for (String row : rows) {
      String last = row.substring(row.lastIndexOf("| ", row.length() - 2));
      Matcher m = TEST_REF.matcher(last);
      boolean any = false;
      while (m.find()) {
        any = true;
        Optional<Path> source = find(root, m.group(1) + ".java");
        if (source.isEmpty()) {
          problems.add(m.group(1) + ": no such test class");
          continue;
        }
        String code = Files.readString(source.get(), StandardCharsets.UTF_8);
        if (!code.contains("void " + m.group(2) + "(")) problems.add(m.group() + ": no such method");
        if (code.contains("@Disabled")) problems.add(m.group(1) + ": has @Disabled");
      }
      if (!any && !last.contains("mvn verify")) problems.add("row without a test: " + row);
    }
    assertThat(problems).isEmpty();
  }

  private static Optional<Path> find(Path root, String fileName) throws IOException {
    for (String module : List.of("slurm-metrics-core", "slurm-metrics-exporter")) {
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/test/java"))) {
        Optional<Path> hit = files.filter(p -> p.getFileName().toString().equals(fileName)).findFirst();
        if (hit.isPresent()) return hit;
      }
    }
    return Optional.empty();
  }

  private static Path repositoryRoot() {
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/reliability.md"))) return d;
    }
    throw new IllegalStateException("docs/reliability.md not found above " + Paths.get("").toAbsolutePath());
  }
}
