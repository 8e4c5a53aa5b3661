package io.slurmmetrics.metrics;

import io.slurmmetrics.snapshot.ClusterSnapshot;

/** Runs every area's family builder over one snapshot; an area whose endpoints failed is left out. */
final class Renderers {
  private Renderers() {}

  static void renderAll(ClusterSnapshot s, FamilySet fs, SchedulerCounters counters) {
  }
}
