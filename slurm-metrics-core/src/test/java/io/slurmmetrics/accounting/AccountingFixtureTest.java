package io.slurmmetrics.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fault;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The poller over every recorded real {@code /slurmdb/vX/jobs} answer (22.05, 24.11, 26.05; every API version), served
 * by FakeSlurmrestd to a RestSource, against the {@code sacct -a -X -P} text recorded for the same window; then the
 * recorded "slurmdbd down" answer of that Slurm, and recovery.
 */
class AccountingFixtureTest {
  private static final Pattern WINDOW = Pattern.compile("sacct -a -X -P -S (\\S+) -E (\\S+)");
  private static final List<String> FAILED_STATES =
      List.of("FAILED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE");

  @TempDir
  Path dir;

  static Stream<Arguments> recordedJobAnswers() {
    List<Arguments> out = new ArrayList<>();
    for (FixtureSet set : Fixtures.all()) {
      for (String api : set.apiVersions()) {
        if (set.rest(api, "slurmdb", "jobs").isPresent()) out.add(Arguments.of(set.slurmVersion(), api));
      }
    }
    return out.stream();
  }

  /** The sacct.txt rows (header-keyed) that ended in the recorded window; times are UTC on the recording host. */
  private record Sacct(Instant from, Instant to, List<Map<String, String>> finished) {
    static Sacct of(FixtureSet set) {
      String index = set.text("index.tsv");
      Matcher m = WINDOW.matcher(index);
      assertThat(m.find()).as("sacct window in index.tsv").isTrue();
      Instant from = utc(m.group(1));
      Instant to = utc(m.group(2));
      String[] lines = set.text("cli/sacct.txt").split("\n");
      List<String> header = Arrays.asList(lines[0].split("\\|", -1));
      List<Map<String, String>> rows = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isBlank()) continue;
        String[] f = lines[i].split("\\|", -1);
        Map<String, String> row = new HashMap<>();
        for (int c = 0; c < header.size(); c++) row.put(header.get(c), f[c]);
        row.put("State", row.get("State").split(" ")[0]); // "CANCELLED by 0"
        String end = row.get("End");
        if (end.equals("Unknown") || end.equals("None")) continue;
        Instant e = utc(end);
        if (!e.isBefore(from) && !e.isAfter(to)) rows.add(row);
      }
      return new Sacct(from, to, rows);
    }

    private static Instant utc(String local) {
      return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC);
    }

    long count(String state) {
      return finished.stream().filter(r -> r.get("State").equals(state)).count();
    }
  }

  /**
   * Hand-made (no recorded fixture has it): the body real Slurm 22.05.8 slurmrestd answered, HTTP 200, for
   * {@code /slurmdb/v0.0.38/jobs} over a window without jobs, copied from the lab; {@code meta} trimmed.
   */
  private static final String NOTHING_FOUND_2205 = "{\"meta\": {\"plugin\": {\"type\": \"openapi/dbv0.0.38\"}},"
      + " \"errors\": [{\"description\": \"Nothing found\", \"error_number\": 9003,"
      + " \"error\": \"Nothing found with query\", \"source\": \"slurmdb_jobs_get\"}], \"jobs\": []}";

  @org.junit.jupiter.api.Test
  void aWindowWithoutJobsOn2205IsAnEmptyAnswerNotAFailure() throws Exception {
    FixtureSet set = Fixtures.of("22.05");
    Path token = Files.writeString(dir.resolve("jwt"), "t0k3n");
    Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
    MutableClock clock = new MutableClock(t0);
    try (FakeSlurmrestd fake = FakeSlurmrestd.builder().fixtures(set).user("slurm").token("t0k3n").start();
        RestSource source = RestSource.builder().url(fake.url()).user("slurm").tokenFile(token)
            .slurmdbApiVersion("v0.0.38").apiVersion("v0.0.38").build()) {
      fake.injectFault("/jobs", Fault.response(FakeResponse.json(200, NOTHING_FOUND_2205)));
      AccountingPoller p = new AccountingPoller(source, "fixture", AccountingOptions.builder().clock(clock).build());
      clock.advance(Duration.ofMinutes(1));
      AccountingStatus s = p.pollOnce();
      assertThat(s.databaseUp()).as("%s", s.lastError()).contains(true);
      assertThat(s.errors()).isEmpty();
      assertThat(s.cursor()).isEqualTo(clock.instant());
    }
  }

  @ParameterizedTest(name = "Slurm {0} {1}")
  @MethodSource("recordedJobAnswers")
  void countersEqualTheRecordedSacctAndSurviveSlurmdbdGoingDown(String slurmVersion, String api) throws Exception {
    FixtureSet set = Fixtures.of(slurmVersion);
    Sacct sacct = Sacct.of(set);
    assertThat(sacct.count("COMPLETED")).as("the recording has finished jobs").isPositive();
    Path token = Files.writeString(dir.resolve("jwt"), "t0k3n");
    MutableClock clock = new MutableClock(sacct.to());

    try (FakeSlurmrestd fake = FakeSlurmrestd.builder().fixtures(set).user("slurm").token("t0k3n").start();
        RestSource source = RestSource.builder().url(fake.url()).user("slurm").tokenFile(token)
            .slurmdbApiVersion(api).apiVersion(api).serverZone(ZoneOffset.UTC).build()) {
      AccountingPoller p = new AccountingPoller(source, "fixture", AccountingOptions.builder().clock(clock)
          .countFrom(sacct.from()).maxQueryWindow(Duration.ofDays(1)).build());

      AccountingStatus first = p.pollOnce();
      assertThat(first.databaseUp()).as("%s", first.lastError()).contains(true);
      AccountingTotals t = p.totals();
      assertThat(t.counterSum(AccountingTotals.COMPLETED)).isEqualTo((double) sacct.count("COMPLETED"));
      assertThat(t.counterSum(AccountingTotals.CANCELLED)).isEqualTo((double) sacct.count("CANCELLED"));
      Map<String, Double> failed = new TreeMap<>();
      t.counterSeries(AccountingTotals.FAILED).forEach((k, v) -> failed.merge(k.get(3), v, Double::sum));
      Map<String, Double> expectedFailed = new TreeMap<>();
      for (String s : FAILED_STATES) if (sacct.count(s) > 0) expectedFailed.put(s, (double) sacct.count(s));
      assertThat(failed).isEqualTo(expectedFailed);

      // allocated CPU hours per (partition, account, user): AllocCPUS x ElapsedRaw from sacct
      Map<List<String>, Double> cpuHours = new HashMap<>();
      long started = 0;
      for (Map<String, String> r : sacct.finished()) {
        long cpus = Long.parseLong(r.get("AllocCPUS"));
        long elapsed = Long.parseLong(r.get("ElapsedRaw"));
        if (cpus * elapsed > 0) {
          cpuHours.merge(List.of(r.get("Partition"), r.get("Account"), r.get("User")), cpus * elapsed / 3600.0,
              Double::sum);
        }
        boolean hasStart = !r.get("Start").equals("Unknown") && !r.get("Start").equals("None");
        if (hasStart && (cpus > 0 || elapsed > 0)) started++;
      }
      Map<List<String>, Double> actualCpuHours = t.counterSeries(AccountingTotals.CPU_HOURS_ALLOCATED);
      assertThat(actualCpuHours.keySet()).isEqualTo(cpuHours.keySet());
      cpuHours.forEach((k, v) -> assertThat(actualCpuHours.get(k)).as("%s", k).isCloseTo(v, within(1e-9)));
      assertThat(t.histogramCount(AccountingTotals.WAIT_TIME)).isEqualTo(started);

      // slurmdbd goes down: the recorded answer of this Slurm for /slurmdb/.../jobs
      FixtureSet.RecordedResponse down = set.errorCase("slurmdbd-down-jobs").orElseThrow();
      fake.injectFault("/jobs", Fault.response(FakeResponse.json(down.status(), down.body())));
      clock.advance(Duration.ofMinutes(5));
      AccountingStatus failedPoll = p.pollOnce();
      assertThat(failedPoll.databaseUp()).contains(false);
      assertThat(failedPoll.errors().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
      assertThat(failedPoll.cursor()).isEqualTo(first.cursor());
      assertThat(failedPoll.lastError()).hasValueSatisfying(m -> assertThat(m).contains("7000"));

      // back: the same jobs are returned again and are not counted twice
      fake.clearFaults();
      clock.advance(Duration.ofMinutes(1));
      AccountingStatus back = p.pollOnce();
      assertThat(back.databaseUp()).contains(true);
      assertThat(t.counterSum(AccountingTotals.COMPLETED)).isEqualTo((double) sacct.count("COMPLETED"));
      assertThat(back.jobsCounted()).isEqualTo(first.jobsCounted());
    }
  }
}
