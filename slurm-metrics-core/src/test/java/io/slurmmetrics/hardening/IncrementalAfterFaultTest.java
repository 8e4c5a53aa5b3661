package io.slurmmetrics.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSourceException;
import io.slurmmetrics.source.rest.RestSource;
import io.slurmmetrics.testkit.FakeRequest;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.Fault;
import io.slurmmetrics.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transient fault on an {@code update_time} request is a failed fetch, not a sign that this Slurm rejects
 * {@code update_time}: once the fault is gone the source asks incrementally again (recorded 26.05 answers).
 */
class IncrementalAfterFaultTest {

  @Test
  void aTruncatedAnswerToAnUpdateTimeRequestDoesNotSwitchUpdateTimeOff() throws Exception {
    try (FakeSlurmrestd fake = FakeSlurmrestd.builder().fixtures(Fixtures.of("26.05")).start()) {
      RestSource source = RestSource.builder().url(fake.url()).tokenFromEnvironment(false)
          .timeout(Duration.ofSeconds(5)).build();
      try {
        assertThat(source.jobs()).hasSize(23); // full read, remembers last_update
        source.jobs();
        assertThat(lastJobsRequest(fake).queryParameter("update_time")).as("incremental once it has a list")
            .isPresent();

        fake.injectFault("/jobs", Fault.truncate(40));
        assertThatThrownBy(source::jobs).isInstanceOfSatisfying(SlurmSourceException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_PAYLOAD));
        fake.clearFaults();

        assertThat(source.jobs()).hasSize(23);
        assertThat(lastJobsRequest(fake).queryParameter("update_time"))
            .as("still incremental after a transient bad payload").isPresent();
      } finally {
        source.close();
      }
    }
  }

  private static FakeRequest lastJobsRequest(FakeSlurmrestd fake) {
    List<FakeRequest> jobs = fake.requests().stream().filter(r -> r.path().endsWith("/jobs")).toList();
    return jobs.get(jobs.size() - 1);
  }
}
