package io.slurmmetrics.accounting;

import static io.slurmmetrics.accounting.AccountingTotals.CANCELLED;
import static io.slurmmetrics.accounting.AccountingTotals.COMPLETED;
import static io.slurmmetrics.accounting.AccountingTotals.FAILED;
import static io.slurmmetrics.accounting.AccountingTotals.WAIT_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountingPollerTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final FakeAccountingDb db = new FakeAccountingDb(clock);

  private AccountingPoller poller(AccountingOptions.Builder options) {
    return new AccountingPoller(db, "lab", options.clock(clock).build());
  }

  private AccountingPoller poller() {
    return poller(AccountingOptions.builder());
  }

  private static double completed(AccountingPoller p) {
    return p.totals().counterSum(COMPLETED);
  }

  @Test
  void jobsThatEndedBeforeTheStartAreNotCountedWithoutStateFile() {
    db.add(TestJobs.completed(1, T0.minusSeconds(60)));
    AccountingPoller p = poller();
    clock.advance(Duration.ofMinutes(1));
    db.add(TestJobs.completed(2, T0.plusSeconds(30)));

    p.pollOnce();

    assertThat(completed(p)).isEqualTo(1);
    assertThat(p.status().countFrom()).isEqualTo(T0);
  }

  @Test
  void aJobSeenInOverlappingPollsIsCountedOnce() {
    AccountingPoller p = poller();
    db.add(TestJobs.completed(1, T0.plusSeconds(30)));
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(1));
      p.pollOnce();
    }
    assertThat(completed(p)).isEqualTo(1);
    assertThat(db.queries).allSatisfy(w -> assertThat(w.from()).isBeforeOrEqualTo(T0.plusSeconds(30)));
  }

  @Test
  void aRecordThatReachesTheDatabaseLateIsCountedWhenItArrives() {
    AccountingPoller p = poller(AccountingOptions.builder().overlap(Duration.ofMinutes(10)));
    db.add(TestJobs.completed(1, T0.plusSeconds(60)), T0.plusSeconds(60 + 8 * 60));
    clock.advance(Duration.ofMinutes(3));
    p.pollOnce();
    assertThat(completed(p)).isZero();

    clock.advance(Duration.ofMinutes(7));
    p.pollOnce();

    assertThat(completed(p)).isEqualTo(1);
  }

  @Test
  void aRunningJobIsCountedOnlyOnceItHasFinished() {
    AccountingPoller p = poller();
    AccountingJob running = TestJobs.finished(1, "RUNNING", T0.plusSeconds(60), 0, 30, 1)
        .endTime(Optional.empty()).build();
    db.add(running, T0);
    clock.advance(Duration.ofMinutes(2));
    p.pollOnce();
    assertThat(p.status().jobsCounted()).isZero();

    db.add(TestJobs.finished(1, "COMPLETED", T0.plusSeconds(60), 0, 30, 1).build());
    clock.advance(Duration.ofMinutes(1));
    p.pollOnce();
    assertThat(completed(p)).isEqualTo(1);
  }

  @Test
  void databaseDownKeepsTheCursorAndNothingIsSkippedWhenItReturns() {
    AccountingPoller p = poller();
    clock.advance(Duration.ofMinutes(1));
    p.pollOnce();
    Instant cursorBefore = p.status().cursor();

    db.down(true);
    db.add(TestJobs.completed(1, T0.plusSeconds(90)));
    db.add(TestJobs.completed(2, T0.plusSeconds(3 * 3600)));
    clock.advance(Duration.ofHours(5));
    AccountingStatus down = p.pollOnce();

    assertThat(down.databaseUp()).contains(false);
    assertThat(down.errors()).containsEntry("slurm_error", 1L);
    assertThat(down.cursor()).isEqualTo(cursorBefore);
    assertThat(down.lastError()).hasValueSatisfying(m -> assertThat(m).contains("7000"));

    db.down(false);
    AccountingStatus up = p.pollOnce();

    assertThat(up.databaseUp()).contains(true);
    assertThat(up.cursor()).isEqualTo(clock.instant());
    assertThat(completed(p)).isEqualTo(2);
    assertThat(up.errors()).containsEntry("slurm_error", 1L);
  }

  @Test
  void aLongCatchUpIsSplitIntoWindowsOfAtMostTheMaximum() {
    AccountingPoller p = poller(AccountingOptions.builder().maxQueryWindow(Duration.ofHours(1))
        .overlap(Duration.ofMinutes(10)));
    clock.advance(Duration.ofHours(5));
    p.pollOnce();

    assertThat(db.queries).hasSize(5);
    assertThat(db.queries).allSatisfy(w ->
        assertThat(Duration.between(w.from(), w.to())).isLessThanOrEqualTo(Duration.ofMinutes(70)));
    assertThat(db.queries.get(db.queries.size() - 1).to()).isEqualTo(clock.instant());
  }

  @Test
  void aCatchUpReReadsTheOverlapOnlyInItsFirstPieceAndTheNextPollReReadsIt() {
    AccountingPoller p = poller(AccountingOptions.builder().maxQueryWindow(Duration.ofHours(1))
        .overlap(Duration.ofMinutes(10)));
    clock.advance(Duration.ofHours(5));
    p.pollOnce();
    clock.advance(Duration.ofMinutes(1));
    p.pollOnce();

    assertThat(db.queries).hasSize(6);
    assertThat(db.queries.get(0).from()).isEqualTo(T0);
    for (int i = 1; i < 5; i++) {
      // pieces more than the overlap before now follow each other without re-reading
      assertThat(db.queries.get(i).from()).isEqualTo(db.queries.get(i - 1).to());
    }
    assertThat(db.queries.get(5).from()).isEqualTo(db.queries.get(4).to().minus(Duration.ofMinutes(10)));
  }

  @Test
  void piecesWithinTheOverlapOfNowReReadIt() {
    AccountingPoller p = poller(AccountingOptions.builder().maxQueryWindow(Duration.ofMinutes(5))
        .overlap(Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(20));
    p.pollOnce();

    assertThat(db.queries).extracting(FakeAccountingDb.Window::from)
        .containsExactly(T0, T0.plusSeconds(300), T0.plusSeconds(600), T0.plusSeconds(300));
  }

  @Test
  void theDedupMemoryForgetsJobsOnceTheyFallBehindTheOverlap() {
    AccountingPoller p = poller(AccountingOptions.builder().overlap(Duration.ofMinutes(10)));
    for (int i = 1; i <= 50; i++) db.add(TestJobs.completed(i, T0.plusSeconds(i)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(p.pollOnce().trackedJobs()).isEqualTo(50);

    clock.advance(Duration.ofMinutes(11));
    AccountingStatus later = p.pollOnce();

    assertThat(later.trackedJobs()).isZero();
    assertThat(completed(p)).isEqualTo(50);
  }

  @Test
  void statesGoToTheirCounters() {
    AccountingPoller p = poller();
    Instant end = T0.plusSeconds(10);
    db.add(TestJobs.finished(1, "COMPLETED", end, 0, 5, 1).build());
    db.add(TestJobs.finished(2, "FAILED", end, 0, 5, 1).build());
    db.add(TestJobs.finished(3, "TIMEOUT", end, 0, 5, 1).build());
    db.add(TestJobs.finished(4, "OUT_OF_MEMORY", end, 0, 5, 1).build());
    db.add(TestJobs.finished(5, "CANCELLED", end, 0, 5, 1).build());
    db.add(TestJobs.finished(6, "PREEMPTED", end, 0, 5, 1).build());
    clock.advance(Duration.ofMinutes(1));
    p.pollOnce();

    AccountingTotals t = p.totals();
    assertThat(t.counter(COMPLETED, "cpu", "physics", "alice")).isEqualTo(1);
    assertThat(t.counter(FAILED, "cpu", "physics", "alice", "FAILED")).isEqualTo(1);
    assertThat(t.counter(FAILED, "cpu", "physics", "alice", "TIMEOUT")).isEqualTo(1);
    assertThat(t.counter(FAILED, "cpu", "physics", "alice", "OUT_OF_MEMORY")).isEqualTo(1);
    assertThat(t.counter(CANCELLED, "cpu", "physics", "alice")).isEqualTo(1);
    assertThat(t.histogramCount(WAIT_TIME)).as("every job started, the preempted one too").isEqualTo(6);
  }

  @Test
  void withTheUserLabelOffUsersAreSummedUnderAnEmptyValue() {
    AccountingPoller p = poller(AccountingOptions.builder().userLabel(false));
    db.add(TestJobs.finished(1, "COMPLETED", T0.plusSeconds(5), 0, 5, 1).user("alice").build());
    db.add(TestJobs.finished(2, "COMPLETED", T0.plusSeconds(6), 0, 5, 1).user("bob").build());
    clock.advance(Duration.ofMinutes(1));
    p.pollOnce();

    assertThat(p.totals().counter(COMPLETED, "cpu", "physics", "")).isEqualTo(2);
    assertThat(p.totals().counter(COMPLETED, "cpu", "physics", "alice")).isZero();
  }

  @Test
  void restartWithStateFileNeitherRecountsNorSkips(@TempDir Path dir) {
    Path state = dir.resolve("accounting.state");
    AccountingOptions.Builder options = AccountingOptions.builder().stateFile(state);
    AccountingPoller first = poller(options);
    db.add(TestJobs.completed(1, T0.plusSeconds(10)));
    db.add(TestJobs.completed(2, T0.plusSeconds(50)));
    clock.advance(Duration.ofMinutes(1));
    first.pollOnce();
    first.close();
    assertThat(completed(first)).isEqualTo(2);

    // down for an hour: jobs end meanwhile, one of them inside the old overlap window
    db.add(TestJobs.completed(3, T0.plusSeconds(70)));
    db.add(TestJobs.completed(4, T0.plusSeconds(1800)));
    clock.advance(Duration.ofHours(1));
    AccountingPoller second = poller(options);
    second.pollOnce();

    assertThat(completed(second)).as("only the jobs the first run did not count").isEqualTo(2);
    assertThat(second.status().countFrom()).isEqualTo(T0);
  }

  @Test
  void restartWithoutStateFileStartsCountingAtTheRestart() {
    AccountingPoller first = poller();
    db.add(TestJobs.completed(1, T0.plusSeconds(10)));
    clock.advance(Duration.ofMinutes(1));
    first.pollOnce();
    first.close();

    db.add(TestJobs.completed(2, T0.plusSeconds(100)));
    clock.advance(Duration.ofMinutes(5));
    AccountingPoller second = poller();
    db.add(TestJobs.completed(3, clock.instant().plusSeconds(10)));
    clock.advance(Duration.ofMinutes(1));
    second.pollOnce();

    assertThat(completed(second)).as("job 2 ended while nothing ran: a gap by design").isEqualTo(1);
  }

  @Test
  void aCorruptStateFileIsLoggedAndCountingStartsFreshAtNow(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("accounting.state");
    Files.writeString(state, "version 1\ncluster lab\ncursor yesterday\n", StandardCharsets.UTF_8);
    db.add(TestJobs.completed(1, T0.minusSeconds(10)));
    AccountingPoller p = poller(AccountingOptions.builder().stateFile(state));
    clock.advance(Duration.ofMinutes(1));
    p.pollOnce();

    assertThat(p.status().countFrom()).isEqualTo(T0);
    assertThat(completed(p)).isZero();
    assertThat(new StateFile(state).read()).hasValueSatisfying(s -> assertThat(s.cursor()).isEqualTo(clock.instant()));
  }

  @Test
  void aStateFileOfAnotherClusterIsIgnored(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("accounting.state");
    new StateFile(state).write(new StateFile.State("other", T0.minusSeconds(3600), T0.minusSeconds(3600),
        java.util.Map.of()));
    AccountingPoller p = poller(AccountingOptions.builder().stateFile(state));
    assertThat(p.status().countFrom()).isEqualTo(T0);
  }

  @Test
  void countFromStartsTheCountAtAnEarlierInstant() {
    db.add(TestJobs.completed(1, T0.minusSeconds(3600)));
    db.add(TestJobs.completed(2, T0.minusSeconds(7300)));
    AccountingPoller p = poller(AccountingOptions.builder().countFrom(T0.minusSeconds(7200)));
    p.pollOnce();
    assertThat(completed(p)).isEqualTo(1);
  }

  @Test
  void aFailingSourceNeverThrowsOutOfPollOnce() {
    AccountingPoller p = new AccountingPoller(new FakeAccountingDb(clock) {
      @Override
      public java.util.List<AccountingJob> accountingJobs(Instant from, Instant to) {
        throw new IllegalStateException("reader bug");
      }
    }, "lab", AccountingOptions.builder().clock(clock).build());
    AccountingStatus s = p.pollOnce();
    assertThat(s.databaseUp()).contains(false);
    assertThat(s.errors()).containsEntry("bad_payload", 1L);
  }

  @Test
  void anAnswerThatBreaksHalfwayCountsNothingAndLosesNothing() {
    AccountingJob first = TestJobs.completed(1, T0.plusSeconds(10));
    AccountingJob second = TestJobs.completed(2, T0.plusSeconds(20));
    boolean[] broken = {true};
    AccountingPoller p = new AccountingPoller(new FakeAccountingDb(clock) {
      @Override
      public java.util.List<AccountingJob> accountingJobs(Instant from, Instant to) {
        if (!broken[0]) return java.util.List.of(first, second);
        return new java.util.AbstractList<>() {
          @Override
          public AccountingJob get(int i) {
            if (i == 1) throw new IllegalStateException("malformed second record");
            return first;
          }

          @Override
          public int size() {
            return 2;
          }
        };
      }
    }, "lab", AccountingOptions.builder().clock(clock).build());
    clock.advance(Duration.ofMinutes(1));
    AccountingStatus s = p.pollOnce();
    assertThat(s.databaseUp()).contains(false);
    assertThat(s.trackedJobs()).isZero();
    assertThat(completed(p)).isZero();

    broken[0] = false;
    p.pollOnce();
    assertThat(completed(p)).isEqualTo(2);
  }

  @Test
  void pendingCancelledJobIsCountedAsCancelledButNotAsStarted() {
    AccountingPoller p = poller();
    Instant end = T0.plusSeconds(20);
    db.add(AccountingJob.builder(9).partition("cpu").account("physics").user("alice")
        .state(State.of("CANCELLED")).submitTime(Optional.of(T0)).startTime(Optional.of(end))
        .endTime(Optional.of(end)).build());
    clock.advance(Duration.ofMinutes(1));
    p.pollOnce();
    assertThat(p.totals().counterSum(CANCELLED)).isEqualTo(1);
    assertThat(p.totals().histogramCount(WAIT_TIME)).isZero();
  }
}
