package io.slurmmetrics.source.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSourceException;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CliSource against stand-in commands: tiny shell scripts in a temporary bin directory that print the recorded real
 * CLI output of a Slurm version (or misbehave on purpose). The real commands run in the lab tests.
 */
class CliSourceTest {
  @TempDir Path bin;

  /** Writes {@code bin/<name>} as a shell script with this body. */
  private void script(String name, String body) throws Exception {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** A script printing a recorded fixture file. */
  private void prints(String name, FixtureSet set, String file) throws Exception {
    Path data = bin.resolve(name + ".out");
    Files.write(data, set.bytes(file));
    script(name, "cat '" + data + "'");
  }

  /** Stand-ins for one recorded version: scontrol dispatches on its arguments like the real one. */
  private void recorded(String version) throws Exception {
    FixtureSet set = Fixtures.of(version);
    boolean hasScontrolJson = set.has("cli/scontrol-nodes.json");
    StringBuilder scontrol = new StringBuilder("case \"$*\" in\n");
    scontrol.append("  'ping') echo 'Slurmctld(primary) at vm is UP' ;;\n");
    scontrol.append("  '--version') echo 'slurm ").append(version).append(".5' ;;\n");
    scontrol.append("  'show config') echo 'ClusterName             = lab").append(version.replace(".", ""))
        .append("' ;;\n");
    for (String what : List.of("nodes", "jobs", "partitions", "reservations", "licenses")) {
      Path data = bin.resolve("scontrol-" + what + ".out");
      if (hasScontrolJson) Files.write(data, set.bytes("cli/scontrol-" + what + ".json"));
      scontrol.append("  'show ").append(what).append(" --json') ")
          .append(hasScontrolJson ? "cat '" + data + "'" : "echo \"scontrol: unrecognized option '--json'\" >&2; exit 1")
          .append(" ;;\n");
    }
    scontrol.append("  *) echo \"unexpected: $*\" >&2; exit 2 ;;\nesac");
    script("scontrol", scontrol.toString());
    prints("sinfo", set, "cli/sinfo.json");
    prints("squeue", set, "cli/squeue.json");
    prints("sacct", set, "cli/sacct.json");
    if (set.has("cli/sdiag.json")) prints("sdiag", set, "cli/sdiag.json");
    else script("sdiag", "echo \"sdiag: unrecognized option '--json'\" >&2; echo 'Try \"sdiag --help\"' >&2; exit 1");
    if (set.has("cli/sshare.json")) prints("sshare", set, "cli/sshare.json");
    else script("sshare", "echo \"sshare: unrecognized option '--json'\" >&2; exit 1");
    script("sacctmgr", "echo lab");
  }

  private CliSource source() {
    return CliSource.builder().binDir(bin).timeout(Duration.ofSeconds(20)).build();
  }

  private static SlurmSourceException failure(ThrowingRunnable r) {
    SlurmSourceException e = catchThrowableOfType(SlurmSourceException.class, r::run);
    assertThat(e).as("expected a SlurmSourceException").isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n");
    return e;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void slurm2205HasJsonForSinfoSqueueSacctOnlyAndTheRestIsUnsupported() throws Exception {
    recorded("22.05");
    CliSource cli = source();
    List<Node> nodes = cli.nodes(); // scontrol rejects --json, sinfo --json answers
    assertThat(nodes).extracting(Node::name).containsExactly("c1", "c2", "c3", "c4", "g1", "g2");
    assertThat(cli.jobs()).hasSize(23);
    assertThat(cli.accountingJobs(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).isNotEmpty();
    for (ThrowingRunnable unsupported : List.<ThrowingRunnable>of(cli::diag, cli::shares, cli::partitions,
        cli::reservations, cli::licenses)) {
      SlurmSourceException e = failure(unsupported);
      assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
      assertThat(e.getMessage()).contains("unrecognized option", "--json");
    }
    assertThat(failure(cli::diag).getMessage()).contains("cli " + bin);
    var ping = cli.ping();
    assertThat(ping.controllerResponding()).isTrue();
    assertThat(ping.slurmVersion()).isEqualTo("22.05.5");
    assertThat(ping.clusterName()).isEqualTo("lab2205");
    assertThat(ping.apiVersion()).isEqualTo("cli");
    cli.pingDatabase();
  }

  @Test
  void slurm2411And2605ServeEveryEndpoint() throws Exception {
    for (String version : List.of("24.11", "26.05")) {
      recorded(version);
      CliSource cli = source();
      assertThat(cli.nodes()).as(version).hasSize(6);
      List<Job> jobs = cli.jobs();
      assertThat(jobs).as("scontrol show jobs, not the filtered squeue").hasSize(23);
      assertThat(cli.partitions()).hasSize(2);
      assertThat(cli.reservations()).hasSize(2);
      assertThat(cli.licenses()).hasSize(2);
      assertThat(cli.diag().serverThreadCount()).isPositive();
      assertThat(cli.shares()).anyMatch(s -> s.isUser());
    }
  }

  @Test
  void sinfoExitingZeroWithErrorsAndNoNodesIsAFailure() throws Exception {
    recorded("22.05");
    // what 22.05's sinfo --json prints when slurmctld is down (exit 0): shape of the recorded REST error body
    FixtureSet set = Fixtures.of("22.05");
    Files.write(bin.resolve("sinfo.out"), set.errorCase("slurmctld-down-nodes").orElseThrow().body());
    CliSource cli = source();
    SlurmSourceException e = failure(cli::nodes);
    assertThat(e.kind()).isEqualTo(ErrorKind.SLURM_ERROR);
    assertThat(e.endpoint()).isEqualTo(Endpoint.NODES);
    assertThat(e.getMessage()).contains("`sinfo --json` exit 0", "Unspecified error");
  }

  @Test
  void controllerDownWithNothingOnStdoutAndExit1IsUnreachableWithStderr() throws Exception {
    script("scontrol", "echo 'slurm_load_node error: Unable to contact slurm controller (connect failure)' >&2; exit 1");
    SlurmSourceException e = failure(source()::nodes);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE);
    assertThat(e.getMessage()).contains("exit 1", "stderr: slurm_load_node error: Unable to contact slurm controller");
  }

  @Test
  void hangingCommandIsKilledAtTheTimeout() throws Exception {
    script("sdiag", "exec sleep 60");
    CliSource cli = CliSource.builder().binDir(bin).timeout(Duration.ofMillis(500)).build();
    long start = System.nanoTime();
    SlurmSourceException e = failure(cli::diag);
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void missingBinaryIsUnreachable() {
    SlurmSourceException e = failure(source()::diag);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE);
    assertThat(e.getMessage()).contains(bin.resolve("sdiag").toString());
  }

  @Test
  void garbageOutputIsABadPayload() throws Exception {
    script("sdiag", "echo '<html>nope</html>'");
    SlurmSourceException e = failure(source()::diag);
    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_PAYLOAD);
    assertThat(e.getMessage()).contains("`sdiag --json`");
  }

  @Test
  void stderrIsTrimmedAndCapped() throws Exception {
    script("sdiag", "i=0; while [ $i -lt 200 ]; do echo \"line $i of a very chatty failure\" >&2; i=$((i+1)); done;"
        + " exit 3");
    SlurmSourceException e = failure(source()::diag);
    assertThat(e.kind()).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(e.getMessage()).contains("exit 3", "line 0 of").hasSizeLessThan(800);
  }

  @Test
  void slurmConfIsExportedToEveryCommand() throws Exception {
    script("sacctmgr", "[ \"$SLURM_CONF\" = /etc/lab/slurm.conf ] || { echo \"SLURM_CONF=$SLURM_CONF\" >&2; exit 1; }");
    CliSource.builder().binDir(bin).slurmConf(Path.of("/etc/lab/slurm.conf")).build().pingDatabase();
    SlurmSourceException e = failure(() -> source().pingDatabase());
    assertThat(e.getMessage()).contains("SLURM_CONF=");
  }

  @Test
  void outputOverTheLimitIsABadPayload() throws Exception {
    recorded("26.05");
    CliSource cli = CliSource.builder().binDir(bin).maxOutputBytes(1000).build();
    SlurmSourceException e = failure(cli::jobs);
    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_PAYLOAD);
    assertThat(e.getMessage()).contains("1000");
  }
}
