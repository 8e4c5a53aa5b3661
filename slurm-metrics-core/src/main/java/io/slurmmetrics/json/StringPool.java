package io.slurmmetrics.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decoded strings by their bytes, so a value seen before is not decoded again. Bounded: slots are overwritten when
 * two values collide. One per reader (not thread-safe).
 */
final class StringPool {
  private static final int SIZE = 4096;
  private final byte[][] keys = new byte[SIZE][];
  private final String[] values = new String[SIZE];

  String get(byte[] b, int from, int to, int hash) {
    int s = (hash ^ (hash >>> 16)) & (SIZE - 1);
    byte[] k = keys[s];
    if (k != null && Arrays.equals(b, from, to, k, 0, k.length)) return values[s];
    String v = new String(b, from, to - from, StandardCharsets.UTF_8);
    keys[s] = Arrays.copyOfRange(b, from, to);
    values[s] = v;
    return v;
  }
}
