package io.slurmmetrics.testkit.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/** sdiag's counters (monotonic, reset never: our slurmctld never restarts); owned by {@link Simulation}. */
final class SimCounters {
  long submitted;
  long started;
  long completed;
  long canceled;
  long failed;
  long scheduleCycles;
  long scheduleCycleSumMicros;
  long scheduleCycleLastMicros;
  long scheduleCycleMaxMicros;
  long backfillCycles;
  long backfillCycleSumMicros;
  long backfillCycleLastMicros;
  long backfillCycleMaxMicros;
  long backfilledJobs;
  long lastBackfillAt;
  int lastDepth;
  final Map<String, long[]> rpcByType = new LinkedHashMap<>(); // count, total micros
  final Map<String, long[]> rpcByUser = new LinkedHashMap<>();
}
