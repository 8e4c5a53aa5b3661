package io.slurmmetrics.json;

import java.io.IOException;
import java.util.Arrays;

/**
 * Skips the values of an object's skipped keys, each object or array compared first with that key's recent values
 * ({@link RecentValues}): in slurmdb's jobs most skipped parts (a step's CPU, statistics and consumed TRES, a job's
 * derived exit code, comment, association) repeat byte for byte. A key whose values do not repeat (a step's id, a
 * job's priority) would pay a compare and a copy per value for nothing: its {@link RepeatTrial} ends the lookups.
 *
 * <p>One instance per answer and kind of object; memory bounded by keys x {@link #RECENT} x {@code maxBytes}. Not
 * thread-safe.
 */
final class RepeatedSkips {
  private static final int RECENT = 4;

  private final int maxBytes;
  private final RecentValues[] recent;
  private final RepeatTrial[] trials;

  RepeatedSkips(ByteKeyTable keys, int maxBytes) {
    this.maxBytes = maxBytes;
    int n = keys.bytes.length;
    this.recent = new RecentValues[n];
    this.trials = new RepeatTrial[n];
  }

  /** Whether the values of key {@code key} are still compared before they are skipped. */
  boolean remembers(int key) {
    return trials[key] == null || trials[key].looking();
  }

  /** Skips the reader's next value, the value of the key {@link ByteJsonReader#lastKey} says it just read. */
  void skip(ByteJsonReader r) throws IOException {
    int key = r.lastKey();
    if (key < 0 || key >= recent.length) {
      r.skipValue();
      return;
    }
    RecentValues values = recent[key];
    if (values == null) {
      values = recent[key] = new RecentValues(RECENT);
      trials[key] = new RepeatTrial();
    }
    RepeatTrial trial = trials[key];
    if (!trial.looking()) {
      r.skipValue();
      return;
    }
    boolean found = values.skipKnown(r);
    trial.record(found);
    if (found) return;
    r.markValue();
    r.skipValue();
    int from = r.marked();
    int to = r.position();
    // strings are not kept: most are short (a skip of one is a word or two) or all different (paths, commands)
    if (to - from <= maxBytes && r.window()[from] != '"') values.add(Arrays.copyOfRange(r.window(), from, to), null);
    r.unmark();
  }
}
