package io.slurmmetrics.json;

/**
 * Whether looking values up by their bytes still pays for one key or kind of value ({@link SeenValues},
 * {@link RepeatedSkips}): a lookup that misses costs a skip, a compare and a copy for nothing, so after the first
 * {@link #VALUES} values, fewer than a quarter of which repeated (array task ids, a step's node list, a site whose
 * jobs all differ), the rest of the answer is read or skipped directly.
 */
final class RepeatTrial {
  static final int VALUES = 64;

  private int values;
  private int repeated;

  /** Whether to look the next value up. */
  boolean looking() {
    return values >= 0;
  }

  /** Counts one looked-up value and whether it was found. */
  void record(boolean found) {
    if (values < 0) return;
    if (found) repeated++;
    if (++values == VALUES && repeated < VALUES / 4) values = -1;
  }
}
