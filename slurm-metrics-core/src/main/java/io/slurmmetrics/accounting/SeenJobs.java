package io.slurmmetrics.accounting;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The finished jobs already counted whose end time is still inside the window the poller re-reads. Bounded: a job
 * leaves when its end time falls behind the window's lower edge, because no later query can return it again.
 * Not thread-safe; the poller guards it.
 */
final class SeenJobs {
  private final Map<JobKey, Instant> endTimes = new HashMap<>();

  /** Remembers the job; true when it was not known, i.e. it must be counted now. */
  boolean add(JobKey key, Instant endTime) {
    return endTimes.putIfAbsent(key, endTime) == null;
  }

  boolean contains(JobKey key) {
    return endTimes.containsKey(key);
  }

  /** Forgets every job that ended strictly before {@code lowerEdge}. */
  void evictEndedBefore(Instant lowerEdge) {
    Iterator<Instant> it = endTimes.values().iterator();
    while (it.hasNext()) {
      if (it.next().isBefore(lowerEdge)) it.remove();
    }
  }

  int size() {
    return endTimes.size();
  }

  /** A copy, for the state file. */
  Map<JobKey, Instant> entries() {
    return Map.copyOf(endTimes);
  }
}
