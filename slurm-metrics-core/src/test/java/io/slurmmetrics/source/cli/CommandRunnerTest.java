package io.slurmmetrics.source.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment CommandRunner gives each Slurm command, seen by a stand-in script that prints it. */
class CommandRunnerTest {
  @TempDir Path bin;

  private void envPrinter(String name) throws Exception {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\nprintf '%s|%s' \"${SLURM_JSON-unset}\" \"${SLURM_CONF-unset}\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static CommandRunner.Result<String> run(CommandRunner runner, String command) throws Exception {
    return runner.run(List.of(command, "--json"), out -> out.readUtf8());
  }

  @Test
  void everyCommandIsAskedForCompactJson() throws Exception {
    envPrinter("sacct");
    CommandRunner runner = new CommandRunner(bin, null, Duration.ofSeconds(20), 1 << 20);

    CommandRunner.Result<String> r = run(runner, "sacct");

    assertThat(r.exitCode).isZero();
    assertThat(r.value).startsWith("compact|");
  }

  @Test
  void compactJsonIsSetNextToTheConfiguredSlurmConf() throws Exception {
    envPrinter("squeue");
    CommandRunner runner = new CommandRunner(bin, Path.of("/etc/lab/slurm.conf"), Duration.ofSeconds(20), 1 << 20);

    CommandRunner.Result<String> r = run(runner, "squeue");

    assertThat(r.value).isEqualTo("compact|/etc/lab/slurm.conf");
  }
}
