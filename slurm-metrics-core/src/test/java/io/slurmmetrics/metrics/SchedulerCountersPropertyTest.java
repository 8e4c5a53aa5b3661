package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.snapshot.FakeSlurmSource;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sdiag histories: submissions arrive between readings and Slurm resets its counters at random readings.
 * Whenever a reset is detectable (the reading after it is lower than the one before), the exporter's total equals
 * every submission that happened after the first reading, plus that first reading.
 */
class SchedulerCountersPropertyTest {

  /** One interval: how many jobs were submitted, and whether Slurm reset its counters at its start. */
  record Step(int submitted, boolean reset) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 50),
        Arbitraries.of(true, false, false, false, false)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 500)
  void totalEqualsEverySubmissionWhenResetsAreVisible(@ForAll("histories") List<Step> history,
      @ForAll int startValueSeed) {
    long raw = Math.floorMod(startValueSeed, 1000);
    long truth = raw; // the first reading is taken as is
    SchedulerCounters c = new SchedulerCounters();
    c.update(FakeSlurmSource.schedulerStats(raw, List.of(), List.of()));
    for (Step s : history) {
      // a reset followed by a reading at least as high as the last is invisible to anyone: only visible ones here
      boolean visibleReset = s.reset() && s.submitted() < raw;
      raw = visibleReset ? s.submitted() : raw + s.submitted();
      truth += s.submitted();
      c.update(FakeSlurmSource.schedulerStats(raw, List.of(), List.of()));
      assertThat(c.total("submitted")).isEqualTo((double) truth);
    }
  }
}
