package io.slurmmetrics.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Accounting figures read from the recorded real 26.05 slurmdbd answer, checked against values known from the job mix. */
class AccountingJobReadTest {
  private static Map<Long, AccountingJob> jobs(String file, String api) throws Exception {
    FixtureSet set = Fixtures.of("26.05");
    List<AccountingJob> list = SlurmJson.accountingJobs(new Buffer().write(set.bytes(file)), api).data();
    return list.stream().collect(Collectors.toMap(AccountingJob::jobId, Function.identity(), (a, b) -> a));
  }

  @Test
  void cpuBurnJobCarriesItsStepsCpuTimeAndPeakRss() throws Exception {
    AccountingJob burn = jobs("rest/v0.0.45/slurmdb/jobs.json", "v0.0.45").get(3L);
    assertThat(burn.name()).isEqualTo("cpu_burn");
    assertThat(burn.totalCpuTime()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(burn.maxRssBytes()).hasValue(5595136L); // steps[].tres.requested.max mem, in bytes
    assertThat(burn.state().base()).isEqualTo("COMPLETED");
    assertThat(burn.exitCode()).isZero();
  }

  @Test
  void failingJobExitsThreeAndTimeoutJobIsTimeout() throws Exception {
    Map<Long, AccountingJob> byId = jobs("rest/v0.0.45/slurmdb/jobs.json", "v0.0.45");
    assertThat(byId.get(2L).name()).isEqualTo("fails");
    assertThat(byId.get(2L).state().base()).isEqualTo("FAILED");
    assertThat(byId.get(2L).exitCode()).isEqualTo(3);
    assertThat(byId.get(6L).state().base()).isEqualTo("TIMEOUT");
  }

  /** Hand-made (a small edge, not a recorded answer): a job's own total CPU, or its steps' when that is zero. */
  private static AccountingJob cpuJob(String time, String steps, boolean stepsFirst) throws Exception {
    String t = "\"time\":{\"elapsed\":10,\"total\":" + time + "}";
    String s = "\"steps\":" + steps;
    String job = "{\"job_id\":5," + (stepsFirst ? s + "," + t : t + "," + s) + "}";
    return SlurmJson.accountingJobs(new Buffer().writeUtf8("{\"jobs\":[" + job + "]}"), "v0.0.42").data().get(0);
  }

  @Test
  void aJobWithoutItsOwnCpuTotalGetsItsStepsSumWhereverTheStepsStand() throws Exception {
    String zero = "{\"seconds\":0,\"microseconds\":0}";
    String twoSteps = "[{\"time\":{\"total\":{\"seconds\":3,\"microseconds\":0}}},"
        + "{\"time\":{\"total\":{\"seconds\":4,\"microseconds\":500000}}}]";
    String own = "{\"seconds\":9,\"microseconds\":0}";
    assertThat(cpuJob(zero, twoSteps, false).totalCpuTime()).isEqualTo(Duration.ofMillis(7_500));
    assertThat(cpuJob(zero, twoSteps, true).totalCpuTime()).isEqualTo(Duration.ofMillis(7_500));
    assertThat(cpuJob(own, twoSteps, false).totalCpuTime()).isEqualTo(Duration.ofSeconds(9));
    assertThat(cpuJob(own, twoSteps, true).totalCpuTime()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void sacctJsonAndRestSlurmdbGiveTheSameAccountingJobs() throws Exception {
    Map<Long, AccountingJob> rest = jobs("rest/v0.0.45/slurmdb/jobs.json", "v0.0.45");
    Map<Long, AccountingJob> cli = jobs("cli/sacct.json", "cli");
    for (Map.Entry<Long, AccountingJob> e : cli.entrySet()) {
      AccountingJob r = rest.get(e.getKey());
      if (r == null || e.getValue().endTime().isEmpty()) continue; // recorded at slightly different moments
      assertThat(r.state()).as("job %d", e.getKey()).isEqualTo(e.getValue().state());
      assertThat(r.tresAllocated()).as("job %d", e.getKey()).isEqualTo(e.getValue().tresAllocated());
      assertThat(r.totalCpuTime()).as("job %d", e.getKey()).isEqualTo(e.getValue().totalCpuTime());
      assertThat(r.exitCode()).as("job %d", e.getKey()).isEqualTo(e.getValue().exitCode());
    }
  }
}
