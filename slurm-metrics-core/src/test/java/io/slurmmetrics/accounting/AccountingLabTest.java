package io.slurmmetrics.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.cli.CliSource;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.lab.SlurmLab;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The poller against real slurmdbd (through slurmrestd, and through {@code sacct --json}) on every lab version,
 * compared with {@code sacct -P} text run through the lab's CLI wrapper for the same end-time window. Needs {@code scripts/slurm-lab up} and {@code seed}.
 */
@Tag("slurm")
class AccountingLabTest {
  private static final List<String> FAILED_STATES =
      List.of("FAILED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE");

  @TempDir
  Path dir;

  /**
   * [from, to]: the last day, ending a few seconds ago so no record of the window is still on its way to slurmdbd
   * (slurmctld sends job completions asynchronously; in the idle lab that takes milliseconds).
   */
  private record Window(Instant from, Instant to) {
    static Window lastDay() {
      Instant to = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      return new Window(to.minus(Duration.ofDays(1)), to);
    }

    boolean contains(Instant t) {
      return !t.isBefore(from) && !t.isAfter(to);
    }
  }

  /** Every lab version through slurmrestd ({@code /slurmdb/vX/jobs}) and through {@code sacct --json}. */
  static Stream<Arguments> versionsAndSources() {
    return Stream.of("22.05", "24.11", "26.05").flatMap(v -> Stream.of(Arguments.of(v, "rest"), Arguments.of(v, "cli")));
  }

  private static SlurmSource source(SlurmLab.Cluster c, String type) {
    if (type.equals("cli")) {
      // the wrappers set SLURM_CONF (or enter the chroot) themselves
      return CliSource.builder().binDir(c.cliBin()).clusterName(c.clusterName()).timeout(Duration.ofSeconds(30))
          .build();
    }
    return RestSource.builder().url(c.restUrl()).user(c.restUser()).tokenFile(c.tokenFile())
        .clusterName(c.clusterName()).timeout(Duration.ofSeconds(30)).build();
  }

  private static AccountingOptions.Builder options(Window w, Instant now) {
    return AccountingOptions.builder().countFrom(w.from()).clock(Clock.fixed(now, ZoneOffset.UTC))
        .maxQueryWindow(Duration.ofDays(2));
  }

  /** sacct -a -X rows (one per job, array task, het component) that ended inside the window. */
  private static List<SacctRows.Row> sacctFinished(SlurmLab.Cluster c, Window w) throws Exception {
    List<SacctRows.Row> rows = SacctRows.run(c.cli("sacct"),
        List.of("-a", "-X", "-S", SacctRows.local(w.from()), "-E", SacctRows.local(w.to())));
    return rows.stream().filter(r -> r.end().isPresent() && w.contains(r.end().get())).toList();
  }

  private static long count(List<SacctRows.Row> rows, Predicate<SacctRows.Row> p) {
    return rows.stream().filter(p).count();
  }

  private static AccountingStatus pollOk(AccountingPoller p) {
    AccountingStatus s = p.pollOnce();
    assertThat(s.databaseUp()).as("slurmdbd answered: %s", s.lastError()).contains(true);
    return s;
  }

  @ParameterizedTest(name = "Slurm {0} via {1}")
  @MethodSource("versionsAndSources")
  void countersEqualSacctForTheSameWindow(String version, String type) throws Exception {
    SlurmLab.Cluster c = SlurmLab.require(version);
    Window w = Window.lastDay();
    AccountingPoller p;
    try (SlurmSource source = source(c, type)) {
      p = new AccountingPoller(source, c.clusterName(), options(w, w.to()).build());
      pollOk(p);
    }
    List<SacctRows.Row> sacct = sacctFinished(c, w);
    assertThat(sacct).as("the seed's finished jobs (run scripts/slurm-lab seed)")
        .anyMatch(r -> r.state().equals("COMPLETED")).anyMatch(r -> r.state().equals("FAILED"))
        .anyMatch(r -> r.state().equals("TIMEOUT")).anyMatch(r -> r.state().equals("CANCELLED"));

    AccountingTotals t = p.totals();
    assertThat(t.counterSum(AccountingTotals.COMPLETED))
        .isEqualTo((double) count(sacct, r -> r.state().equals("COMPLETED")));
    assertThat(t.counterSum(AccountingTotals.CANCELLED))
        .isEqualTo((double) count(sacct, r -> r.state().equals("CANCELLED")));
    assertThat(failedByState(t)).isEqualTo(expectedFailedByState(sacct));
    assertThat(t.histogramCount(AccountingTotals.WAIT_TIME)).as("wait-time observations = started jobs")
        .isEqualTo(count(sacct, SacctRows.Row::started));
    double waitSum = 0;
    for (SacctRows.Row r : sacct) {
      if (!r.started()) continue;
      Instant ready = r.eligible().or(r::submit).orElseThrow();
      waitSum += Math.max(0, Duration.between(ready, r.start().get()).getSeconds());
    }
    assertThat(t.histogramSum(AccountingTotals.WAIT_TIME)).as("sum of start - eligible").isEqualTo(waitSum);
  }

  @ParameterizedTest(name = "Slurm {0} via {1}")
  @MethodSource("versionsAndSources")
  void aRestartWithStateFileNeitherRecountsNorSkips(String version, String type) throws Exception {
    SlurmLab.Cluster c = SlurmLab.require(version);
    Window w = Window.lastDay();
    List<SacctRows.Row> sacct = sacctFinished(c, w);
    // stop the first lifetime in the middle of the seed's jobs: the second must re-read the overlap without
    // counting again and pick up the rest
    List<Instant> ends = sacct.stream().map(r -> r.end().get()).sorted().toList();
    assertThat(ends).as("finished jobs in the lab (run scripts/slurm-lab seed)").hasSizeGreaterThan(2);
    Instant middle = ends.get(ends.size() / 2);
    double total = 0;
    try (SlurmSource source = source(c, type)) {
      for (Instant now : List.of(middle, w.to())) {
        AccountingPoller p = new AccountingPoller(source, c.clusterName(), options(w, now)
            .stateFile(dir.resolve("state")).build());
        pollOk(p);
        total += p.totals().counterSum(AccountingTotals.COMPLETED) + p.totals().counterSum(AccountingTotals.FAILED)
            + p.totals().counterSum(AccountingTotals.CANCELLED);
        p.close();
      }
    }
    assertThat(total).isEqualTo((double) count(sacct, r -> r.state().equals("COMPLETED")
        || r.state().equals("CANCELLED") || FAILED_STATES.contains(r.state())));
  }

  @ParameterizedTest(name = "Slurm {0} via {1}")
  @MethodSource("versionsAndSources")
  void manySmallOverlappingWindowsCountLikeSacct(String version, String type) throws Exception {
    SlurmLab.Cluster c = SlurmLab.require(version);
    List<SacctRows.Row> all = sacctFinished(c, Window.lastDay());
    assertThat(all).as("finished jobs in the lab (run scripts/slurm-lab seed)").isNotEmpty();
    // around the seed's jobs only, so the number of requests stays small however long the lab has been up
    Instant first = all.stream().map(r -> r.end().get()).min(Comparator.naturalOrder()).orElseThrow();
    Instant last = all.stream().map(r -> r.end().get()).max(Comparator.naturalOrder()).orElseThrow();
    Window w = new Window(first.minusSeconds(60), last.plusSeconds(30));
    MutableClock clock = new MutableClock(w.from());
    AccountingPoller p;
    try (SlurmSource source = source(c, type)) {
      p = new AccountingPoller(source, c.clusterName(), AccountingOptions.builder().clock(clock)
          .countFrom(w.from()).overlap(Duration.ofSeconds(30)).maxQueryWindow(Duration.ofSeconds(15)).build());
      while (clock.instant().isBefore(w.to())) {
        clock.advance(Duration.ofSeconds(20));
        if (clock.instant().isAfter(w.to())) clock.set(w.to());
        pollOk(p);
      }
    }
    List<SacctRows.Row> sacct = all.stream().filter(r -> w.contains(r.end().get())).toList();
    AccountingTotals t = p.totals();
    assertThat(t.counterSum(AccountingTotals.COMPLETED))
        .isEqualTo((double) count(sacct, r -> r.state().equals("COMPLETED")));
    assertThat(failedByState(t)).isEqualTo(expectedFailedByState(sacct));
    assertThat(t.counterSum(AccountingTotals.CANCELLED))
        .isEqualTo((double) count(sacct, r -> r.state().equals("CANCELLED")));
  }

  @ParameterizedTest(name = "Slurm {0} via {1}")
  @MethodSource("versionsAndSources")
  void cpuEfficiencyOfTheCpuBurnerMatchesSacct(String version, String type) throws Exception {
    SlurmLab.Cluster c = SlurmLab.require(version);
    Window w = Window.lastDay();
    AccountingJob burner;
    try (SlurmSource source = source(c, type)) {
      burner = source.accountingJobs(w.from(), w.to()).stream()
          .filter(j -> j.name().equals("cpu_burn") && j.state().is("COMPLETED"))
          .max(Comparator.comparing(j -> j.endTime().orElseThrow()))
          .orElseThrow(() -> new AssertionError("no COMPLETED cpu_burn job in the lab (run scripts/slurm-lab seed)"));
    }
    // job line of sacct -P without -X: TotalCPU summed over the steps
    SacctRows.Row row = SacctRows.run(c.cli("sacct"), List.of("-j", Long.toString(burner.jobId()))).stream()
        .filter(r -> r.jobId().equals(Long.toString(burner.jobId()))).findFirst().orElseThrow();
    double expected = row.totalCpuSeconds() / (row.allocCpus() * (double) row.elapsedSeconds());
    assertThat(expected).as("sacct shows CPU time for the burner").isPositive();

    double actual = JobUsage.of(burner).cpuEfficiency().orElseThrow();

    assertThat(actual).isCloseTo(expected, within(0.1 * expected));
  }

  private static Map<String, Double> failedByState(AccountingTotals t) {
    Map<String, Double> out = new TreeMap<>();
    t.counterSeries(AccountingTotals.FAILED).forEach((labels, v) -> out.merge(labels.get(3), v, Double::sum));
    return out;
  }

  private static Map<String, Double> expectedFailedByState(List<SacctRows.Row> rows) {
    Map<String, Double> out = new TreeMap<>();
    for (SacctRows.Row r : rows) {
      if (FAILED_STATES.contains(r.state())) out.merge(r.state(), 1.0, Double::sum);
    }
    return out;
  }
}
