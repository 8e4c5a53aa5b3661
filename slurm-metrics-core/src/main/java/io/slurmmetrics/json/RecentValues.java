package io.slurmmetrics.json;

import java.io.IOException;

/**
 * The last few distinct values of one key, by their bytes, most recent first, each with what it was read as. Slurm
 * writes many parts of a job the same from job to job (a step's CPU frequency and energy, exit codes, an unused
 * array or het block): comparing the next bytes with a recent value costs a fraction of skipping them by quotes and
 * brackets, and of hashing them for {@link SeenValues}. Only objects, arrays and strings are kept: each ends with its
 * last byte, so equal bytes are the whole value (a number's bytes could be the start of a longer number).
 *
 * <p>Not thread-safe.
 */
final class RecentValues {
  private final byte[][] bytes;
  private final Object[] values;
  private int count;

  RecentValues(int size) {
    if (size < 1) throw new IllegalArgumentException("size must be > 0: " + size);
    this.bytes = new byte[size][];
    this.values = new Object[size];
  }

  /**
   * If the reader's next value is one of the recent ones: the reader past it, that value first, true. Otherwise the
   * reader is before the value (whitespace consumed) and false.
   */
  boolean skipKnown(ByteJsonReader r) throws IOException {
    for (int i = 0; i < count; i++) {
      if (r.skipIfNext(bytes[i])) {
        if (i > 0) toFront(i);
        return true;
      }
    }
    return false;
  }

  /** What the value {@link #skipKnown} just found was read as. */
  Object first() {
    return values[0];
  }

  /**
   * Remembers {@code value}'s bytes (kept, not copied) first, dropping the least recent when full; bytes that are not
   * a whole object, array or string are not kept.
   */
  void add(byte[] b, Object value) {
    if (b.length == 0 || (b[0] != '{' && b[0] != '[' && b[0] != '"')) return;
    int last = Math.min(count, bytes.length - 1);
    System.arraycopy(bytes, 0, bytes, 1, last);
    System.arraycopy(values, 0, values, 1, last);
    bytes[0] = b;
    values[0] = value;
    if (count < bytes.length) count++;
  }

  private void toFront(int i) {
    byte[] b = bytes[i];
    Object v = values[i];
    System.arraycopy(bytes, 0, bytes, 1, i);
    System.arraycopy(values, 0, values, 1, i);
    bytes[0] = b;
    values[0] = v;
  }
}
