package io.slurmmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerCountersTest {

  private static SchedulerStats submitted(long n, double rpcSeconds) {
    return FakeSlurmSource.schedulerStats(n, List.of(new SchedulerStats.RpcStat("REQUEST_PING", n, rpcSeconds)),
        List.of());
  }

  @Test
  void aDecreaseIsAnSdiagResetAndTheNewValueIsAddedNotDropped() {
    SchedulerCounters c = new SchedulerCounters();
    c.update(submitted(10, 1.5));
    assertThat(c.total("submitted")).isEqualTo(10);
    c.update(submitted(15, 2.0));
    assertThat(c.total("submitted")).isEqualTo(15);
    c.update(submitted(3, 0.25)); // midnight reset: 3 new since
    assertThat(c.total("submitted")).isEqualTo(18);
    assertThat(c.total("rpc_time\0REQUEST_PING")).isEqualTo(2.25);
    c.update(submitted(5, 0.5));
    assertThat(c.total("submitted")).isEqualTo(20);
    assertThat(c.total("rpc_calls\0REQUEST_PING")).isEqualTo(20);
  }

  @Test
  void anRpcTypeMissingAfterAResetKeepsItsTotal() {
    SchedulerCounters c = new SchedulerCounters();
    c.update(submitted(10, 1.5));
    c.update(FakeSlurmSource.schedulerStats(0, List.of(), List.of())); // sdiag --reset: no RPC listed
    assertThat(c.totals("rpc_calls\0")).containsEntry("REQUEST_PING", 10.0);
    assertThat(c.total("submitted")).isEqualTo(10);
  }

  @Test
  void unchangedReadingsAddNothing() {
    SchedulerCounters c = new SchedulerCounters();
    c.update(submitted(7, 1));
    c.update(submitted(7, 1));
    assertThat(c.total("submitted")).isEqualTo(7);
  }
}
