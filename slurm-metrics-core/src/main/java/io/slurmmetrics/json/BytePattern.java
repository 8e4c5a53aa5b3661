package io.slurmmetrics.json;

import java.nio.charset.StandardCharsets;

/**
 * A short fixed byte sequence compared with the window a word at a time: a key as Slurm writes it before its value,
 * {@code "key":} (see {@link ByteKeyTable}). Immutable.
 */
final class BytePattern {
  /** Window bytes {@link #matches} may read, whatever the pattern's length. */
  static final int MAX_BYTES = 48;

  private final long[] words; // little-endian; the last one zero-padded and compared under lastMask
  private final long lastMask;
  private final int length;

  private BytePattern(byte[] bytes) {
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("a pattern has 1 to " + MAX_BYTES + " bytes: " + bytes.length);
    }
    this.length = bytes.length;
    this.words = new long[(length + 7) / 8];
    for (int j = 0; j < length; j++) words[j / 8] |= (bytes[j] & 0xffL) << (8 * (j % 8));
    int rest = length % 8;
    this.lastMask = rest == 0 ? -1L : (1L << (8 * rest)) - 1;
  }

  /** {@code "key":}, or null when that is longer than {@link #MAX_BYTES} (such keys take the slower path). */
  static BytePattern keyOrNull(String key) {
    byte[] b = ("\"" + key + "\":").getBytes(StandardCharsets.UTF_8);
    return b.length <= MAX_BYTES ? new BytePattern(b) : null;
  }

  int length() {
    return length;
  }

  /** Whether {@code b} holds this pattern at {@code p}; the caller made sure {@link #MAX_BYTES} bytes are there. */
  boolean matches(byte[] b, int p) {
    int last = words.length - 1;
    for (int j = 0; j < last; j++) {
      if ((long) ByteJsonReader.LONGS.get(b, p + 8 * j) != words[j]) return false;
    }
    return ((long) ByteJsonReader.LONGS.get(b, p + 8 * last) & lastMask) == words[last];
  }
}
