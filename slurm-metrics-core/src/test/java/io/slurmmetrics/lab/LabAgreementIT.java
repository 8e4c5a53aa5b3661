package io.slurmmetrics.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.SlurmSourceException;
import io.slurmmetrics.source.cli.CliSource;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.lab.SlurmLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On every real Slurm of the lab: slurmrestd answers each API version it lists, and the model read over REST (each
 * served version from v0.0.38 on) equals the model read from the CLI's JSON, and both agree with the plain-text
 * {@code sinfo -h -N -o '%N|%T|%C|%m|%G'} and {@code squeue -h -t all -o '%i|%T|%P|%u|%a'} run through the lab's CLI
 * wrappers at the same moment. "Same moment": the text is captured before and after the JSON reads, and the round is
 * repeated (bounded) until both captures are identical, so a job changing state mid-round cannot fake a mismatch.
 */
@Tag("slurm")
class LabAgreementIT {

  static Stream<SlurmLab.Cluster> clusters() {
    return SlurmLab.require().clusters().stream();
  }

  private static RestSource rest(SlurmLab.Cluster c, String api) {
    return RestSource.builder().url(c.restUrl()).user(c.restUser()).tokenFile(c.tokenFile()).apiVersion(api)
        .timeout(Duration.ofSeconds(30)).build();
  }

  /**
   * The lab's wrappers carry their cluster's configuration (24.11/26.05 run the command inside their chroot, where the
   * host path of slurm.conf does not exist), so no SLURM_CONF is passed here.
   */
  private static CliSource cli(SlurmLab.Cluster c) {
    return CliSource.builder().binDir(c.cliBin()).timeout(Duration.ofSeconds(30)).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusters")
  void slurmrestdAnswersEveryListedApiVersion(SlurmLab.Cluster c) throws Exception {
    for (String api : c.apiVersions()) {
      try (RestSource rest = rest(c, api)) {
        ControllerInfo info = rest.ping();
        assertThat(info.controllerResponding()).as("%s %s", c, api).isTrue();
        assertThat(info.slurmVersion()).as("%s %s", c, api).isEqualTo(c.slurmVersion());
        assertThat(info.apiVersion()).isEqualTo(api);
      }
    }
    try (RestSource negotiated = RestSource.builder().url(c.restUrl()).user(c.restUser())
        .tokenFile(c.tokenFile()).build()) {
      assertThat(negotiated.apiVersion()).isEqualTo(c.newestApiVersion());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusters")
  void restCliAndTextAgree(SlurmLab.Cluster c) throws Exception {
    List<String> apis = c.apiVersions().stream()
        .filter(v -> compare(v, "v0.0.38") >= 0).collect(Collectors.toList());
    assertThat(apis).isNotEmpty();
    AssertionError lastMismatch = null;
    for (int round = 0; round < 5; round++) {
      List<String> sinfoBefore = lines(c, "sinfo", "-h", "-N", "-o", "%N|%T|%C|%m|%G");
      List<String> squeueBefore = lines(c, "squeue", "-h", "-t", "all", "-o", "%i|%T|%P|%u|%a");
      List<Node> cliNodes;
      List<Job> cliJobs;
      try (CliSource cli = cli(c)) {
        cliNodes = cli.nodes();
        cliJobs = cli.jobs();
      }
      Map<String, List<Node>> restNodes = new TreeMap<>();
      Map<String, List<Job>> restJobs = new TreeMap<>();
      for (String api : apis) {
        try (RestSource rest = rest(c, api)) {
          restNodes.put(api, rest.nodes());
          restJobs.put(api, rest.jobs());
        }
      }
      List<String> sinfoAfter = lines(c, "sinfo", "-h", "-N", "-o", "%N|%T|%C|%m|%G");
      List<String> squeueAfter = lines(c, "squeue", "-h", "-t", "all", "-o", "%i|%T|%P|%u|%a");
      if (!sinfoBefore.equals(sinfoAfter) || !squeueBefore.equals(squeueAfter)) continue; // moved: again
      try {
        for (String api : apis) {
          assertThat(Agreement.nodeView(restNodes.get(api))).as("%s REST %s nodes = CLI nodes", c, api)
              .isEqualTo(Agreement.nodeView(cliNodes));
          assertThat(Agreement.jobView(restJobs.get(api))).as("%s REST %s jobs = CLI jobs", c, api)
              .isEqualTo(Agreement.jobView(cliJobs));
        }
        Agreement.assertNodesMatchSinfo(c, cliNodes, sinfoAfter);
        Agreement.assertJobsMatchSqueue(c, cliJobs, squeueAfter);
        return;
      } catch (AssertionError e) {
        lastMismatch = e;
      }
    }
    if (lastMismatch != null) throw lastMismatch;
    throw new AssertionError(c + ": the cluster kept changing during five rounds; nothing compared");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusters")
  void unixSocketReachesTheSameSlurmrestd(SlurmLab.Cluster c) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(c.restSocket().isPresent() && Files.exists(c.restSocket().get()),
        c + " has no slurmrestd unix socket");
    // the socket's slurmrestd runs rest_auth/local: it trusts the peer's uid and rejects JWT headers (401)
    try (RestSource sock = RestSource.builder().url("unix:" + c.restSocket().get()).tokenFromEnvironment(false)
        .apiVersion(c.newestApiVersion()).build()) {
      assertThat(sock.ping().controllerResponding()).isTrue();
      assertThat(sock.nodes()).isNotEmpty();
    }
  }

  private static List<String> lines(SlurmLab.Cluster c, String... cmd) throws Exception {
    List<String> full = new ArrayList<>(List.of(cmd));
    full.set(0, c.cli(cmd[0]).toString());
    Process p = new ProcessBuilder(full).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", full), err).isZero();
    return new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).sorted()
        .collect(Collectors.toList());
  }

  private static int compare(String a, String b) {
    String[] x = a.substring(1).split("\\.");
    String[] y = b.substring(1).split("\\.");
    for (int i = 0; i < 3; i++) {
      int d = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (d != 0) return d;
    }
    return 0;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusters")
  void incrementalRefreshGivesTheSameModelAsAFullRead(SlurmLab.Cluster c) throws Exception {
    for (String api : c.apiVersions()) {
      if (compare(api, "v0.0.38") < 0) continue;
      AssertionError last = null;
      for (int round = 0; round < 5; round++) {
        try (RestSource incremental = rest(c, api); RestSource full = RestSource.builder().url(c.restUrl())
            .user(c.restUser()).tokenFile(c.tokenFile()).apiVersion(api).incremental(false).build()) {
          incremental.jobs();
          incremental.nodes();
          // second reads go with update_time where the first answer had last_update (unchanged: the cached list)
          List<Job> jobs = incremental.jobs();
          List<Node> nodes = incremental.nodes();
          List<Job> fullJobs = full.jobs();
          List<Node> fullNodes = full.nodes();
          try {
            assertThat(Agreement.jobView(jobs)).as("%s %s jobs", c, api).isEqualTo(Agreement.jobView(fullJobs));
            assertThat(Agreement.nodeView(nodes)).as("%s %s nodes", c, api).isEqualTo(Agreement.nodeView(fullNodes));
            last = null;
            break;
          } catch (AssertionError e) {
            last = e; // a job moved between the reads: try again
          }
        }
      }
      if (last != null) throw last;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusters")
  void everyEndpointReadsOverRestAndCli(SlurmLab.Cluster c) throws Exception {
    Instant to = Instant.now();
    Instant from = to.minus(Duration.ofDays(2));
    for (String api : c.apiVersions()) {
      if (compare(api, "v0.0.38") < 0) continue;
      try (RestSource rest = rest(c, api)) {
        readAll(c + " REST " + api, rest, from, to, compare(api, "v0.0.40") < 0
            ? Set.of(Endpoint.SHARES) : Set.of());
      }
    }
    try (CliSource cli = cli(c)) {
      // 22.05's scontrol, sdiag and sshare have no --json
      readAll(c + " CLI", cli, from, to, c.labVersion().equals("22.05")
          ? Set.of(Endpoint.PARTITIONS, Endpoint.RESERVATIONS,
              Endpoint.LICENSES, Endpoint.DIAG,
              Endpoint.SHARES)
          : Set.of());
    }
  }

  interface Read {
    Object run() throws Exception;
  }

  private static void readAll(String what, SlurmSource s, Instant from,
      Instant to, Set<Endpoint> unsupported) throws Exception {
    Map<Endpoint, Read> reads = new EnumMap<>(Endpoint.class);
    reads.put(Endpoint.PING, s::ping);
    reads.put(Endpoint.NODES, s::nodes);
    reads.put(Endpoint.PARTITIONS, s::partitions);
    reads.put(Endpoint.JOBS, s::jobs);
    reads.put(Endpoint.RESERVATIONS, s::reservations);
    reads.put(Endpoint.LICENSES, s::licenses);
    reads.put(Endpoint.DIAG, s::diag);
    reads.put(Endpoint.SHARES, s::shares);
    reads.put(Endpoint.DATABASE, () -> {
      s.pingDatabase();
      return "ok";
    });
    reads.put(Endpoint.ACCOUNTING_JOBS, () -> s.accountingJobs(from, to));
    for (Map.Entry<Endpoint, Read> e : reads.entrySet()) {
      if (unsupported.contains(e.getKey())) {
        SlurmSourceException ex = catchThrowableOfType(
            SlurmSourceException.class, () -> e.getValue().run());
        assertThat(ex).as("%s %s should be unsupported", what, e.getKey()).isNotNull();
        assertThat(ex.kind()).as("%s %s: %s", what, e.getKey(), ex.getMessage())
            .isEqualTo(ErrorKind.UNSUPPORTED);
        continue;
      }
      Object value = e.getValue().run();
      if (value instanceof List<?> list) {
        assertThat(list).as("%s %s", what, e.getKey()).isNotEmpty();
      }
    }
  }

  @Test
  void everyLabClusterHasItsTokenFile() {
    SlurmLab lab = SlurmLab.require();
    assertThat(lab.clusters()).isNotEmpty().allSatisfy(c -> assertThat(Files.isRegularFile(c.tokenFile()))
        .as("%s token file %s", c, c.tokenFile()).isTrue());
  }
}
