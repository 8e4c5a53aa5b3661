package io.slurmmetrics.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.State;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random finished-job streams, delivered by a database whose records arrive late (up to the overlap), through polls
 * at random intervals (zero: the same window again; hours: split catch-ups), with outages, restarts from the state
 * file and sloppy answers (shuffled, duplicated, out-of-window records): the counters always equal the ground truth.
 */
class ExactlyOncePropertyTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final Duration OVERLAP = Duration.ofMinutes(10);
  private static final List<String> STATES = List.of("COMPLETED", "COMPLETED", "FAILED", "TIMEOUT", "NODE_FAIL",
      "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "CANCELLED", "PREEMPTED", "RUNNING");

  record JobSpec(int sameIdAsPrevious, long endOffsetSeconds, long delaySeconds, String state, int partition,
      int account, int user, long cpus, long elapsedSeconds, long waitSeconds, long usedPercent) {}

  record Step(long advanceSeconds, boolean databaseDown, boolean restart) {}

  @Provide
  Arbitrary<List<JobSpec>> jobs() {
    List<Arbitrary<Object>> parts = List.of(
        Arbitraries.integers().between(0, 4).asGeneric(),
        Arbitraries.longs().between(-3600, 6 * 3600).asGeneric(),
        Arbitraries.longs().between(0, OVERLAP.toSeconds()).asGeneric(),
        Arbitraries.of(STATES).asGeneric(),
        Arbitraries.integers().between(0, 1).asGeneric(),
        Arbitraries.integers().between(0, 1).asGeneric(),
        Arbitraries.integers().between(0, 2).asGeneric(),
        Arbitraries.longs().between(0, 16).asGeneric(),
        Arbitraries.longs().between(0, 7200).asGeneric(),
        Arbitraries.longs().between(0, 86400).asGeneric(),
        Arbitraries.longs().between(0, 110).asGeneric());
    Arbitrary<JobSpec> spec = Combinators.combine(parts).as(v -> new JobSpec((Integer) v.get(0), (Long) v.get(1),
        (Long) v.get(2), (String) v.get(3), (Integer) v.get(4), (Integer) v.get(5), (Integer) v.get(6),
        (Long) v.get(7), (Long) v.get(8), (Long) v.get(9), (Long) v.get(10)));
    return spec.list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Long> advance = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.just(0L)),
        net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 600)),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(600, 3 * 3600)));
    Arbitrary<Step> step = Combinators.combine(advance,
        Arbitraries.integers().between(0, 5).map(i -> i == 0),
        Arbitraries.integers().between(0, 7).map(i -> i == 0)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 300)
  void countersEqualTheGroundTruth(@ForAll("jobs") List<JobSpec> specs, @ForAll("steps") List<Step> steps,
      @ForAll long seed) throws IOException {
    Path dir = Files.createTempDirectory("accounting-property");
    try {
      run(specs, steps, seed, dir);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    }
  }

  private void run(List<JobSpec> specs, List<Step> steps, long seed, Path dir) {
    MutableClock clock = new MutableClock(T0);
    FakeAccountingDb db = new FakeAccountingDb(clock);
    db.sloppy(new Random(seed));
    List<AccountingJob> records = new ArrayList<>();
    Instant lastVisible = T0;
    long jobId = 1000;
    for (int i = 0; i < specs.size(); i++) {
      JobSpec s = specs.get(i);
      if (i == 0 || s.sameIdAsPrevious() != 0) jobId++; // 0: a requeued run of the previous job id
      AccountingJob job = record(jobId, i, s);
      records.add(job);
      Instant visible = job.endTime().orElse(T0).plusSeconds(s.delaySeconds());
      db.add(job, visible);
      if (visible.isAfter(lastVisible)) lastVisible = visible;
    }

    AccountingOptions options = AccountingOptions.builder().clock(clock).overlap(OVERLAP)
        .maxQueryWindow(Duration.ofHours(1)).stateFile(dir.resolve("state")).build();
    List<AccountingPoller> lifetimes = new ArrayList<>();
    lifetimes.add(new AccountingPoller(db, "lab", options));
    for (Step step : steps) {
      clock.advance(Duration.ofSeconds(step.advanceSeconds()));
      if (step.restart()) {
        lifetimes.get(lifetimes.size() - 1).close();
        lifetimes.add(new AccountingPoller(db, "lab", options));
      }
      db.down(step.databaseDown());
      lifetimes.get(lifetimes.size() - 1).pollOnce();
    }
    db.down(false);
    if (clock.instant().isBefore(lastVisible)) clock.set(lastVisible);
    clock.advance(Duration.ofSeconds(1));
    lifetimes.get(lifetimes.size() - 1).pollOnce();

    Truth truth = new Truth(records);
    for (String family : List.of(AccountingTotals.COMPLETED, AccountingTotals.FAILED, AccountingTotals.CANCELLED,
        AccountingTotals.CPU_HOURS_USED, AccountingTotals.CPU_HOURS_ALLOCATED, AccountingTotals.WASTE_CPU_HOURS,
        AccountingTotals.WASTE_MEMORY_GB_HOURS)) {
      Map<List<String>, Double> actual = new HashMap<>();
      for (AccountingPoller p : lifetimes) {
        p.totals().counterSeries(family).forEach((k, v) -> actual.merge(k, v, Double::sum));
      }
      Map<List<String>, Double> expected = truth.counters.getOrDefault(family, Map.of());
      assertThat(actual.keySet()).as(family).isEqualTo(expected.keySet());
      expected.forEach((k, v) -> assertThat(actual.get(k)).as(family + k).isCloseTo(v, within(1e-6)));
    }
    long waitCount = 0;
    for (AccountingPoller p : lifetimes) waitCount += p.totals().histogramCount(AccountingTotals.WAIT_TIME);
    assertThat(waitCount).as("wait-time observations = started jobs").isEqualTo(truth.started);
    AccountingStatus last = lifetimes.get(lifetimes.size() - 1).status();
    assertThat((long) last.trackedJobs()).as("dedup memory holds only the overlap window").isLessThanOrEqualTo(truth.counted);
  }

  private static AccountingJob record(long jobId, int index, JobSpec s) {
    Instant end = T0.plusSeconds(s.endOffsetSeconds());
    Instant start = end.minusSeconds(s.elapsedSeconds());
    Instant eligible = start.minusSeconds(s.waitSeconds());
    boolean running = s.state().equals("RUNNING");
    return AccountingJob.builder(jobId)
        .partition(List.of("cpu", "gpu").get(s.partition()))
        .account(List.of("physics", "chemistry").get(s.account()))
        .user(List.of("alice", "bob", "carol").get(s.user()))
        .state(State.of(s.state()))
        // distinct per record, so a requeued run (same id) is a different job
        .submitTime(Optional.of(T0.minus(Duration.ofDays(10)).plusSeconds(index)))
        .eligibleTime(Optional.of(eligible))
        .startTime(Optional.of(start))
        .endTime(running ? Optional.empty() : Optional.of(end))
        .elapsed(Duration.ofSeconds(s.elapsedSeconds()))
        .tresAllocated(new Tres(Map.of("cpu", s.cpus(), "mem", s.cpus() << 30)))
        .totalCpuTime(Duration.ofSeconds(s.cpus() * s.elapsedSeconds() * s.usedPercent() / 100))
        .maxRssBytes(OptionalLong.of((s.cpus() << 30) * s.usedPercent() / 100))
        .build();
  }

  /** The expected counters, computed straight from the generated records, independently of the poller's code. */
  private static final class Truth {
    final Map<String, Map<List<String>, Double>> counters = new HashMap<>();
    long started;
    long counted;

    Truth(List<AccountingJob> records) {
      for (AccountingJob j : records) {
        if (j.endTime().isEmpty() || j.endTime().get().isBefore(T0)) continue; // running, or before counting began
        String state = j.state().base();
        counted++;
        List<String> pau = List.of(j.partition(), j.account(), j.user());
        if (state.equals("COMPLETED")) add(AccountingTotals.COMPLETED, pau, 1);
        else if (state.equals("CANCELLED")) add(AccountingTotals.CANCELLED, pau, 1);
        else if (!state.equals("PREEMPTED")) {
          add(AccountingTotals.FAILED, List.of(j.partition(), j.account(), j.user(), state), 1);
        }
        // whole seconds and bytes, exact in longs, converted once
        long elapsed = j.elapsed().getSeconds();
        long cpus = j.tresAllocated().cpus();
        long allocatedCpuSeconds = cpus * elapsed;
        long usedCpuSeconds = j.totalCpuTime().getSeconds();
        add(AccountingTotals.CPU_HOURS_USED, List.of(j.account(), j.user()), usedCpuSeconds / 3600.0);
        add(AccountingTotals.CPU_HOURS_ALLOCATED, pau, allocatedCpuSeconds / 3600.0);
        add(AccountingTotals.WASTE_CPU_HOURS, List.of(j.partition(), j.account()),
            Math.max(0, allocatedCpuSeconds - usedCpuSeconds) / 3600.0);
        long unusedBytes = Math.max(0, j.tresAllocated().memoryBytes() - j.maxRssBytes().getAsLong());
        add(AccountingTotals.WASTE_MEMORY_GB_HOURS, List.of(j.partition(), j.account()),
            unusedBytes / 1e9 * elapsed / 3600.0);
        if (cpus > 0 || elapsed > 0) started++;
      }
    }

    private void add(String family, List<String> labels, double v) {
      if (v <= 0) return; // series appear with their first non-zero contribution
      counters.computeIfAbsent(family, k -> new HashMap<>()).merge(labels, v, Double::sum);
    }
  }
}
