package io.slurmmetrics.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.source.cli.CliSource;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fault;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SlurmSource#steps()} of both sources: what they ask Slurm, and the answers that mean "no step". */
class StepsSourceTest {
  /**
   * Hand-made (no recorded fixture has it): the shape real Slurm 22.05.8 answered (slurmrestd v0.0.38 with HTTP 200,
   * {@code sacct --json} with exit 0) for a job query without a match; {@code meta} trimmed.
   */
  private static final String NOTHING_FOUND_2205 = "{\"meta\": {\"plugin\": {\"type\": \"openapi/dbv0.0.38\"}},"
      + " \"errors\": [{\"description\": \"Nothing found\", \"error_number\": 9003,"
      + " \"error\": \"Nothing found with query\", \"source\": \"slurmdb_jobs_get\"}], \"jobs\": []}";

  @TempDir Path bin;

  static Stream<String> versions() {
    return Fixtures.versions().stream();
  }

  /** The recorded running steps of a set: the step lines of {@code sacct -P -s R} taken right after. */
  private static long recordedSteps(FixtureSet set) {
    return set.text("cli/sacct-running.txt").lines().filter(l -> l.split("\\|")[0].contains(".")).count();
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void restAsksSlurmdbForTheRunningJobsOfTheNegotiatedVersion(String version) throws Exception {
    FixtureSet set = Fixtures.of(version);
    try (FakeSlurmrestd rest = FakeSlurmrestd.builder().fixtures(set).start();
        RestSource src = RestSource.builder().url(rest.url()).tokenFromEnvironment(false).build()) {
      List<JobStep> steps = src.steps();
      assertThat(steps).hasSize((int) recordedSteps(set));
      String db = src.slurmdbApiVersion();
      assertThat(rest.requests()).anyMatch(r -> r.path().equals("/slurmdb/" + db + "/jobs")
          && r.queryParameter("state").equals(Optional.of("RUNNING")) && r.query().size() == 1);
    }
  }

  @Test
  void restNothingFoundOn2205MeansNoRunningStepNotAFailure() throws Exception {
    try (FakeSlurmrestd rest = FakeSlurmrestd.builder().fixtures(Fixtures.of("22.05")).start();
        RestSource src = RestSource.builder().url(rest.url()).apiVersion("v0.0.38").tokenFromEnvironment(false)
            .build()) {
      rest.injectFault("/slurmdb/v0.0.38/jobs", Fault.response(FakeResponse.json(200, NOTHING_FOUND_2205)));
      assertThat(src.steps()).isEmpty();
    }
  }

  @Test
  void restSlurmdbdDownIsAFailureOfTheStepsEndpoint() throws Exception {
    FixtureSet set = Fixtures.of("26.05");
    FixtureSet.RecordedResponse down = set.errorCase("slurmdbd-down-jobs").orElseThrow();
    try (FakeSlurmrestd rest = FakeSlurmrestd.builder().fixtures(set).start();
        RestSource src = RestSource.builder().url(rest.url()).apiVersion("v0.0.45").tokenFromEnvironment(false)
            .build()) {
      rest.injectFault("/slurmdb/v0.0.45/jobs", Fault.response(FakeResponse.guess(down.status(), down.body())));
      SlurmSourceException e = catchThrowableOfType(SlurmSourceException.class, src::steps);
      assertThat(e).isNotNull();
      assertThat(e.endpoint()).isEqualTo(Endpoint.STEPS);
      assertThat(e.slurmErrno()).isEqualTo(7000);
      assertThat(e.getMessage()).startsWith("rest ").contains("steps").doesNotContain("\n");
    }
  }

  @ParameterizedTest(name = "Slurm {0}")
  @MethodSource("versions")
  void cliRunsSacctForTheRunningJobsOfAllUsers(String version) throws Exception {
    FixtureSet set = Fixtures.of(version);
    Path data = bin.resolve("sacct-running.out");
    Files.write(data, set.bytes("cli/sacct-running.json"));
    sacct("if [ \"$*\" = '--json -a --state=RUNNING' ]; then cat '" + data + "'; else echo \"unexpected: $*\" >&2; "
        + "exit 2; fi");
    assertThat(cli().steps()).hasSize((int) recordedSteps(set));
  }

  @Test
  void cliNothingFoundOn2205MeansNoRunningStep() throws Exception {
    Path data = Files.writeString(bin.resolve("none.out"), NOTHING_FOUND_2205);
    sacct("cat '" + data + "'");
    assertThat(cli().steps()).isEmpty();
  }

  @Test
  void aSourceWithoutStepsSaysUnsupportedNamingTheEndpoint() {
    // only name() and the interface's defaults answer: a source written before steps existed
    SlurmSource minimal = (SlurmSource) Proxy.newProxyInstance(SlurmSource.class.getClassLoader(),
        new Class<?>[] {SlurmSource.class}, (proxy, method, args) -> {
          if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, args);
          if (method.getName().equals("name")) return "minimal";
          throw new UnsupportedOperationException(method.getName());
        });
    SlurmSourceException e = catchThrowableOfType(SlurmSourceException.class, minimal::steps);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
    assertThat(e.endpoint()).isEqualTo(Endpoint.STEPS);
    assertThat(e.getMessage()).startsWith("minimal steps: unsupported");
  }

  private void sacct(String body) throws Exception {
    Path p = bin.resolve("sacct");
    Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private CliSource cli() {
    return CliSource.builder().binDir(bin).timeout(Duration.ofSeconds(20)).build();
  }
}
