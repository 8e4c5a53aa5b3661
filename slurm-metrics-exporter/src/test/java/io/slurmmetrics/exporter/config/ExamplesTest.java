package io.slurmmetrics.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.exporter.web.BcryptAuthenticator;
import io.slurmmetrics.exporter.web.ClientAuth;
import io.slurmmetrics.exporter.web.WebConfig;
import io.slurmmetrics.metrics.CollectorGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files in {@code examples/} are read by the exporter's own strict readers. Their absolute paths
 * ({@code /etc/slurm-metrics/jwt}) are re-rooted under a temporary directory where the files are created.
 */
class ExamplesTest {
  private static final Pattern ABSOLUTE = Pattern.compile(
      "(?m)^(\\s*(?:token_file|ca_file|slurm_conf|cli_bin_dir|accounting_state_file|cert_file|key_file|client_ca_file):"
          + "\\s*)(/\\S+)");
  @TempDir
  Path tmp;

  @BeforeEach
  void copyExamples() throws Exception {
    Path examples = Path.of("..", "examples");
    try (var files = Files.list(examples)) {
      for (Path p : files.toList()) {
        String text = Files.readString(p);
        Matcher m = ABSOLUTE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
          Path target = tmp.resolve("root" + m.group(2));
          Files.createDirectories(target.getParent());
          if (m.group(1).contains("cli_bin_dir")) {
            Files.createDirectories(target);
          } else if (!m.group(1).contains("accounting_state_file")) {
            Files.writeString(target, "x");
          }
          m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + target));
        }
        m.appendTail(out);
        Files.writeString(tmp.resolve(p.getFileName()), out);
      }
    }
  }

  @Test
  void singleClusterRestExample() throws Exception {
    ExporterConfig c = ConfigResolver.resolve(Flags.parse("--config.file=" + tmp.resolve("exporter-rest.yml")));
    assertThat(c.clusters()).singleElement().satisfies(k -> {
      assertThat(k.source()).isEqualTo("rest");
      assertThat(k.restUrl()).contains("http://slurmctl:6820");
      assertThat(k.tokenFile()).isPresent();
      assertThat(k.accountingStateFile()).isPresent();
      assertThat(k.collectors()).containsEntry(CollectorGroup.NODE, true);
    });
  }

  @Test
  void cliExample() throws Exception {
    ExporterConfig c = ConfigResolver.resolve(Flags.parse("--config.file=" + tmp.resolve("exporter-cli.yml")));
    assertThat(c.clusters()).singleElement().satisfies(k -> {
      assertThat(k.source()).isEqualTo("cli");
      assertThat(k.cliBinDir()).isPresent();
      assertThat(k.slurmConf()).isPresent();
    });
  }

  @Test
  void multiClusterExampleWithItsWebConfig() throws Exception {
    ExporterConfig c = ConfigResolver.resolve(Flags.parse("--config.file="
        + tmp.resolve("exporter-multi-cluster.yml")));
    assertThat(c.clusters()).extracting(k -> k.name().orElseThrow()).containsExactly("east", "west", "lab");
    assertThat(c.clusters().get(0).labels()).containsEntry("site", "dc1").containsEntry("tier", "production");
    assertThat(c.clusters().get(1).restUrl()).contains("unix:/run/slurmrestd/slurmrestd.sock");
    assertThat(c.webConfigFile()).contains(tmp.resolve("web-config.yml"));
  }

  @Test
  void webConfigExampleAndItsDocumentedPassword() throws Exception {
    WebConfig web = WebConfig.load(tmp.resolve("web-config.yml"));
    assertThat(web.tls()).hasValueSatisfying(t ->
        assertThat(t.clientAuth()).isEqualTo(ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT));
    BcryptAuthenticator auth = new BcryptAuthenticator("test", web.basicAuth());
    assertThat(auth.checkCredentials("prometheus", "example-password")).isTrue();
    assertThat(auth.checkCredentials("prometheus", "example-passwort")).isFalse();
  }
}
