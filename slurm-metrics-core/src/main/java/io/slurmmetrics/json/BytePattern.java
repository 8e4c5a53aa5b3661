package io.slurmmetrics.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A short fixed byte sequence compared with the window a word at a time: a key as Slurm writes it before its value,
 * {@code "key":} (see {@link ByteKeyTable}). Immutable.
 */
final class BytePattern {
  /** Window bytes {@link #matches} may read, whatever the pattern's length. */
  static final int MAX_BYTES = 48;

  // the first two words as fields: most keys have at most 13 characters, so "key": is compared without an array
  private final long first;
  private final long firstMask;
  private final long second;
  private final long secondMask;
  private final long[] rest; // words 3..6, little-endian; the last one zero-padded and compared under lastMask
  private final long lastMask;
  private final int length;
  /** The key's index in its {@link ByteKeyTable}, and what {@code nextKey} returns for it. */
  final int key;
  final int result;

  private BytePattern(byte[] bytes, int key, int result) {
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("a pattern has 1 to " + MAX_BYTES + " bytes: " + bytes.length);
    }
    this.length = bytes.length;
    this.key = key;
    this.result = result;
    long[] words = new long[(length + 7) / 8];
    long[] masks = new long[words.length];
    for (int j = 0; j < length; j++) {
      words[j / 8] |= (bytes[j] & 0xffL) << (8 * (j % 8));
      masks[j / 8] |= 0xffL << (8 * (j % 8));
    }
    this.first = words[0];
    this.firstMask = masks[0];
    this.second = words.length > 1 ? words[1] : 0;
    this.secondMask = words.length > 1 ? masks[1] : 0;
    this.rest = words.length > 2 ? Arrays.copyOfRange(words, 2, words.length) : new long[0];
    this.lastMask = masks[masks.length - 1];
  }

  /**
   * {@code "key":} of key {@code key} of a table, or null when that is longer than {@link #MAX_BYTES} (such keys take
   * the slower path).
   */
  static BytePattern keyOrNull(String name, int key, int result) {
    byte[] b = ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
    return b.length <= MAX_BYTES ? new BytePattern(b, key, result) : null;
  }

  int length() {
    return length;
  }

  /** Whether {@code b} holds this pattern at {@code p}; the caller made sure {@link #MAX_BYTES} bytes are there. */
  boolean matches(byte[] b, int p) {
    // a second word under a zero mask (a pattern of one word) always matches: no branch on the length here
    return ((long) ByteJsonReader.LONGS.get(b, p) & firstMask) == first
        && ((long) ByteJsonReader.LONGS.get(b, p + 8) & secondMask) == second
        && (rest.length == 0 || matchesRest(b, p + 16));
  }

  private boolean matchesRest(byte[] b, int p) {
    int last = rest.length - 1;
    for (int j = 0; j < last; j++) {
      if ((long) ByteJsonReader.LONGS.get(b, p + 8 * j) != rest[j]) return false;
    }
    return ((long) ByteJsonReader.LONGS.get(b, p + 8 * last) & lastMask) == rest[last];
  }
}
