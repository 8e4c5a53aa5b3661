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
