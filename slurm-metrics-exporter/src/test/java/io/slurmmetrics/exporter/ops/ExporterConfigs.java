package io.slurmmetrics.exporter.ops;

import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.exporter.config.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads an example exporter config with the exporter's own reader. The reader checks that referenced files exist,
 * so each absolute path of the example ({@code token_file: /etc/...}) is re-rooted under a temporary directory
 * where an empty file (for {@code cli_bin_dir} a directory; for the state file only its directory) is created.
 */
final class ExporterConfigs {
  private static final Pattern PATH_KEY =
      Pattern.compile("(?m)^(\\s*(?:token_file|ca_file|slurm_conf|cli_bin_dir|config_file|accounting_state_file):\\s*)"
          + "(/\\S+)\\s*$");

  private ExporterConfigs() {}

  static ConfigFile load(String yaml, Path tmp) throws IOException, ConfigException {
    Matcher m = PATH_KEY.matcher(yaml);
    StringBuilder rewritten = new StringBuilder();
    while (m.find()) {
      Path target = tmp.resolve("root" + m.group(2));
      Files.createDirectories(target.getParent());
      if (m.group(1).contains("cli_bin_dir")) {
        Files.createDirectories(target);
      } else if (m.group(1).contains("accounting_state_file")) {
        // the exporter writes it; only its directory has to exist
      } else if (!Files.exists(target)) {
        Files.createFile(target);
      }
      m.appendReplacement(rewritten, Matcher.quoteReplacement(m.group(1) + target));
    }
    m.appendTail(rewritten);
    Path file = Files.createTempFile(tmp, "exporter", ".yml");
    Files.writeString(file, rewritten, StandardCharsets.UTF_8);
    return ConfigFile.load(file);
  }

  /** Where {@link #load} put the file that the example calls {@code absolutePath}. */
  static Path rerooted(Path tmp, String absolutePath) {
    return tmp.resolve("root" + absolutePath);
  }
}
