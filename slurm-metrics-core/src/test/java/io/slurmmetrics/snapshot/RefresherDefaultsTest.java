package io.slurmmetrics.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.source.Endpoint;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RefresherDefaultsTest {
  private final FakeSlurmSource source = new FakeSlurmSource();

  @Test
  void withoutAnEndpointListEveryEndpointButTheOptInStepsAndTheWindowedAccountingIsFetched() throws Exception {
    try (SnapshotRefresher refresher = SnapshotRefresher.builder().source(source).build()) {
      assertThat(refresher.endpoints())
          .isEqualTo(EnumSet.complementOf(EnumSet.of(Endpoint.STEPS, Endpoint.ACCOUNTING_JOBS)));
      refresher.refresh().get(20, TimeUnit.SECONDS);
      assertThat(source.calls(Endpoint.STEPS)).isZero();
      assertThat(source.calls(Endpoint.NODES)).isEqualTo(1);
    }
  }

  @Test
  void stepsAreFetchedWhenAskedFor() throws Exception {
    try (SnapshotRefresher refresher = SnapshotRefresher.builder().source(source)
        .endpoints(EnumSet.of(Endpoint.STEPS)).build()) {
      refresher.refresh().get(20, TimeUnit.SECONDS);
      assertThat(source.calls(Endpoint.STEPS)).isEqualTo(1);
    }
  }
}
