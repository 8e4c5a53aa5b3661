package io.slurmmetrics.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.exporter.ops.Examples.Snippet;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter configs shown in docs/configuration.md are read by the exporter's own (strict) config reader. */
class ExporterConfigExamplesTest {
  @Test
  void everyExporterConfigInTheConfigurationGuideIsAccepted(@TempDir Path tmp) throws Exception {
    int checked = 0;
    for (Snippet block : Examples.fencedBlocks(RepositoryFiles.resolve("docs/configuration.md"), "yaml")) {
      if (!(YamlFiles.parse(block.text()) instanceof Map<?, ?> map) || !map.containsKey("clusters")) continue;
      try {
        assertThat(ExporterConfigs.load(block.text(), tmp).clusters()).as("clusters of %s", block.where())
            .isNotEmpty();
      } catch (Exception e) {
        throw new AssertionError("the exporter rejects the config at " + block.where() + ": " + e.getMessage(), e);
      }
      checked++;
    }
    assertThat(checked).as("exporter configs in docs/configuration.md").isPositive();
  }
}
