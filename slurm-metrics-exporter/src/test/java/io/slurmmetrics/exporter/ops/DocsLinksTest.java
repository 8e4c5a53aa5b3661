package io.slurmmetrics.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Relative links in the operations docs lead to files that exist and to headings that exist. */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void relativeLinksAndAnchorsResolve() {
    List<String> broken = new ArrayList<>();
    for (String doc : List.of("docs/prometheus.md", "docs/troubleshooting.md", "docs/configuration.md")) {
      Path file = RepositoryFiles.resolve(doc);
      Matcher m = LINK.matcher(withoutCodeBlocks(RepositoryFiles.read(file)));
      int links = 0;
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("[a-z]+:.*")) continue;  // http:, https:, mailto:
        links++;
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        Path linked = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
        if (!Files.exists(linked)) {
          broken.add(doc + ": " + target + " (no such file)");
        } else if (hash >= 0 && !PrometheusAssetsTest.markdownAnchors(RepositoryFiles.read(linked))
            .contains(target.substring(hash + 1))) {
          broken.add(doc + ": " + target + " (no such heading)");
        }
      }
      assertThat(links).as("relative links in %s", doc).isPositive();
    }
    assertThat(broken).isEmpty();
  }

  private static String withoutCodeBlocks(String markdown) {
    return markdown.replaceAll("(?ms)^```.*?^```", "");
  }
}
