package io.slurmmetrics.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The hard cap on series per family and the running count of series dropped because of it, per family. */
public final class SeriesLimiter {
  private final int limit;
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

  /** A limiter allowing {@code limit} (at least 1) series per family. */
  public SeriesLimiter(int limit) {
    if (limit < 1) throw new IllegalArgumentException("series limit must be positive: " + limit);
    this.limit = limit;
  }

  /** The most series one family may hold. */
  public int limit() {
    return limit;
  }

  /** Records that {@code count} series of {@code family} were left out for the cap. */
  public void dropped(String family, long count) {
    dropped.computeIfAbsent(family, k -> new LongAdder()).add(count);
  }

  /** Dropped series so far, by family name. */
  public Map<String, Long> droppedTotals() {
    Map<String, Long> out = new java.util.TreeMap<>();
    dropped.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
