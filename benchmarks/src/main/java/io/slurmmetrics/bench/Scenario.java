package io.slurmmetrics.bench;

import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The issue-9 scale: 10,000 nodes (9,000 CPU nodes, 1,000 with 4 GPUs each), a queue of 50,000 jobs, and 1,000,000
 * finished jobs in slurmdb over the last day. Every figure of the bench is taken on this one cluster.
 */
public final class Scenario {
  /** The simulated "now": fixed, so that every answer of a run describes the same cluster. */
  public static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
  public static final int CPU_NODES = 9_000;
  public static final int GPU_NODES = 1_000;
  public static final int QUEUE = 50_000;
  public static final int FINISHED = 1_000_000;
  public static final Duration FINISHED_SPAN = Duration.ofHours(24);

  private Scenario() {}

  /** The simulator at {@link #NOW} speaking {@code apiVersion}, with a clock that never moves. */
  public static ClusterSimulator simulator(String apiVersion) {
    return ClusterSimulator.builder()
        .apiVersion(apiVersion)
        .seed(9)
        .clusterName("scale")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .cpuNodes(CPU_NODES)
        .gpuNodes(GPU_NODES)
        .queueTarget(QUEUE)
        .finishedHistory(FINISHED, FINISHED_SPAN)
        .build();
  }
}
