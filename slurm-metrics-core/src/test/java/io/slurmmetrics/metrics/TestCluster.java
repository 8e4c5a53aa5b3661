package io.slurmmetrics.metrics;

import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.model.State;
import io.slurmmetrics.snapshot.FakeSlurmSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A small hand-made cluster whose expected figures are worked out by hand in the tests: five nodes (idle, mixed,
 * drained, allocated GPU node, down GPU node), three partitions ({@code all} overlaps the other two), seven jobs.
 */
final class TestCluster {
  static final long MIB = 1024L * 1024L;

  private TestCluster() {}

  static FakeSlurmSource source(Instant now) {
    FakeSlurmSource s = new FakeSlurmSource();
    s.nodes = List.of(
        node("c1", State.of("IDLE"), 8, 0, 8000, 0, Map.of(), Map.of(), "cpu", "all").toBuilder()
            .cpuLoad(OptionalDouble.of(0.5)).build(),
        node("c2", State.of("MIXED"), 8, 4, 8000, 4000, Map.of(), Map.of(), "cpu", "all"),
        node("c3", State.of("IDLE", "DRAIN"), 8, 0, 8000, 0, Map.of(), Map.of(), "cpu", "all").toBuilder()
            .reason("lab: drained for tests").build(),
        node("g1", State.of("ALLOCATED"), 8, 8, 16000, 16000, Map.of("gpu:a100", 2L), Map.of("gpu:a100", 2L),
            "gpu", "all"),
        node("g2", State.of("DOWN", "NOT_RESPONDING"), 8, 0, 16000, 0, Map.of("gpu:a100", 2L),
            Map.of("gpu:a100", 0L), "gpu", "all").toBuilder().reason("Not responding").build());
    s.partitions = List.of(
        new Partition("cpu", "UP", List.of("c1", "c2", "c3"), 24, 3, true),
        new Partition("gpu", "UP", List.of("g1", "g2"), 16, 2, false),
        new Partition("all", "UP", List.of("c1", "c2", "c3", "g1", "g2"), 40, 5, false));
    s.jobs = List.of(
        job(1, State.of("RUNNING"), "cpu", "alice", "physics", "", 4, 0),
        job(2, State.of("RUNNING"), "gpu", "bob", "chemistry", "", 8, 2),
        job(3, State.of("PENDING"), "cpu", "alice", "physics", "Resources", 2, 0),
        job(4, State.of("PENDING"), "cpu", "bob", "chemistry", "Dependency", 1, 0),
        job(5, State.of("PENDING"), "gpu", "bob", "chemistry", "Resources", 4, 1),
        job(6, State.of("COMPLETED"), "cpu", "alice", "physics", "", 1, 0),
        job(7, State.of("RUNNING", "COMPLETING"), "cpu", "alice", "physics", "", 2, 0));
    s.reservations = List.of(
        new Reservation("resv_alice", List.of("c4"), 1, 8, now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(7)), Set.of(), "", "alice", ""),
        new Reservation("maint_future", List.of("c1", "c2"), 2, 16, now.plus(Duration.ofDays(10)),
            now.plus(Duration.ofDays(10)).plus(Duration.ofHours(4)), Set.of("MAINT"), "", "root", ""));
    s.licenses = List.of(new License("matlab", 4, 1, 3, 0, false));
    s.diag = FakeSlurmSource.schedulerStats(24,
        List.of(new SchedulerStats.RpcStat("REQUEST_PING", 9, 0.000549)),
        List.of(new SchedulerStats.RpcStat("alice", 11, 0.007581)));
    s.shares = List.of(
        new FairShare("physics", "", 1, 0.5, 100, 0.4, 0.5),
        new FairShare("chemistry", "", 1, 0.5, 300, 0.6, 0.25),
        new FairShare("physics", "alice", 1, 1.0, 100, 1.0, 0.6));
    return s;
  }

  static Node node(String name, State state, int cpus, int alloc, long memMiB, long allocMiB, Map<String, Long> gres,
      Map<String, Long> gresUsed, String... partitions) {
    return Node.builder(name).state(state).cpusTotal(cpus).cpusAllocated(alloc).memoryTotalBytes(memMiB * MIB)
        .memoryAllocatedBytes(allocMiB * MIB).gresTotal(gres).gresUsed(gresUsed).partitions(List.of(partitions))
        .build();
  }

  static Job job(long id, State state, String partition, String user, String account, String reason, int cpus,
      long gpus) {
    return Job.builder(id).state(state).partition(partition).user(user).account(account).reason(reason).cpus(cpus)
        .gpus(gpus).nodeCount(1).memoryBytes(1000 * MIB)
        .startTime(state.is("RUNNING") ? Optional.of(Instant.parse("2026-11-26T05:00:00Z")) : Optional.empty())
        .timeLimit(Optional.of(Duration.ofHours(1)))
        .build();
  }
}
