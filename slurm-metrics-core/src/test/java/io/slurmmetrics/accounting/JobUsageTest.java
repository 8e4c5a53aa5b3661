package io.slurmmetrics.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.State;
import io.slurmmetrics.model.Tres;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JobUsageTest {
  private static final Instant SUBMIT = Instant.parse("2026-11-26T06:00:00Z");

  /** 4 CPUs, 8 GiB, eligible 5 min after submit, started 15 min after submit, ran 2 h, used 3 CPU-hours, 2 GiB RSS. */
  private static AccountingJob.Builder job() {
    return AccountingJob.builder(7)
        .state(State.of("COMPLETED"))
        .submitTime(Optional.of(SUBMIT))
        .eligibleTime(Optional.of(SUBMIT.plusSeconds(300)))
        .startTime(Optional.of(SUBMIT.plusSeconds(900)))
        .endTime(Optional.of(SUBMIT.plusSeconds(900 + 7200)))
        .elapsed(Duration.ofHours(2))
        .tresAllocated(new Tres(Map.of("cpu", 4L, "mem", 8L << 30, "gres/gpu:a100", 2L)))
        .totalCpuTime(Duration.ofHours(3))
        .maxRssBytes(OptionalLong.of(2L << 30));
  }

  @Test
  void cpuHoursAreAllocatedCpusTimesElapsedAndWasteIsTheUnusedPart() {
    JobUsage u = JobUsage.of(job().build());
    assertThat(u.allocatedCpuHours()).isEqualTo(8.0);
    assertThat(u.usedCpuHours()).isEqualTo(3.0);
    assertThat(u.wasteCpuHours()).isEqualTo(5.0);
    assertThat(u.cpuEfficiency()).hasValue(3.0 / 8.0);
  }

  @Test
  void gpuHoursSumTypedGpusTimesElapsed() {
    assertThat(JobUsage.of(job().build()).gpuHours()).isEqualTo(4.0);
  }

  @Test
  void memoryWasteIsUnusedDecimalGigabytesTimesElapsedHours() {
    JobUsage u = JobUsage.of(job().build());
    // (8 GiB - 2 GiB) = 6 * 1073741824 bytes = 6.442450944 GB, for 2 hours
    assertThat(u.wasteMemoryGbHours().getAsDouble()).isCloseTo(6.442450944 * 2, within(1e-9));
    assertThat(u.memoryEfficiency()).hasValue(0.25);
  }

  @Test
  void usingMoreCpuThanAllocatedWastesNothingAndKeepsTheRatioAboveOne() {
    JobUsage u = JobUsage.of(job().totalCpuTime(Duration.ofHours(9)).build());
    assertThat(u.wasteCpuHours()).isZero();
    assertThat(u.cpuEfficiency().getAsDouble()).isEqualTo(9.0 / 8.0);
  }

  @Test
  void unknownMaxRssGivesNoMemoryEfficiencyAndNoMemoryWaste() {
    JobUsage u = JobUsage.of(job().maxRssBytes(OptionalLong.empty()).build());
    assertThat(u.memoryEfficiency()).isEmpty();
    assertThat(u.wasteMemoryGbHours()).isEmpty();
  }

  @Test
  void zeroElapsedGivesNoCpuEfficiency() {
    JobUsage u = JobUsage.of(job().elapsed(Duration.ZERO).totalCpuTime(Duration.ZERO).build());
    assertThat(u.cpuEfficiency()).isEmpty();
    assertThat(u.allocatedCpuHours()).isZero();
    assertThat(u.started()).as("it had CPUs: it started, just shorter than a second").isTrue();
  }

  @Test
  void waitIsStartMinusEligible() {
    assertThat(JobUsage.of(job().build()).waitSeconds()).hasValue(600.0);
  }

  @Test
  void waitFallsBackToSubmitWhenEligibleIsUnknown() {
    assertThat(JobUsage.of(job().eligibleTime(Optional.empty()).build()).waitSeconds()).hasValue(900.0);
  }

  @Test
  void waitIsNeverNegative() {
    AccountingJob j = job().eligibleTime(Optional.of(SUBMIT.plusSeconds(1000))).build();
    assertThat(JobUsage.of(j).waitSeconds()).hasValue(0.0);
  }

  @Test
  void aJobCancelledWhilePendingDidNotStart() {
    Instant cancel = SUBMIT.plusSeconds(60);
    AccountingJob j = AccountingJob.builder(8).state(State.of("CANCELLED")).submitTime(Optional.of(SUBMIT))
        .startTime(Optional.of(cancel)).endTime(Optional.of(cancel)).build();
    JobUsage u = JobUsage.of(j);
    assertThat(u.started()).isFalse();
    assertThat(u.waitSeconds()).isEmpty();
  }
}
