package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class MetricsDocTest {

  @Test
  void committedMetricsReferenceMatchesTheCatalogue() throws IOException {
    Path doc = Paths.get("..", "docs", "metrics.md");
    assertThat(doc).as("docs/metrics.md missing; generate it with: " + MetricsDoc.REGENERATE).exists();
    String committed = Files.readString(doc, StandardCharsets.UTF_8);
    assertThat(committed)
        .as("docs/metrics.md is out of date with the metric catalogue; regenerate it from the repository root with:\n"
            + MetricsDoc.REGENERATE + "\n")
        .isEqualTo(MetricsDoc.render());
  }

  @Test
  void everyFamilyOfTheCatalogueIsDocumented() {
    String doc = MetricsDoc.render();
    for (MetricDefinition d : MetricCatalog.all()) assertThat(doc).contains("`" + d.name() + "`");
  }
}
