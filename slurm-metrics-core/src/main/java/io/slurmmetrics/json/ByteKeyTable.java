package io.slurmmetrics.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keys of one kind of object for {@link ByteJsonReader#nextKey}: those a reader reads (their index is what
 * {@code nextKey} returns), followed by every other key real Slurm sends there (recorded 22.05 to 26.05), so that
 * skipped keys are guessed and matched as quickly as read ones. A key in neither list (a newer Slurm) is skipped all
 * the same, by the slower lookup.
 * Thread-safe: the guesses ({@code successor}) are written without locking; a stale or racing guess is checked
 * against the bytes like any other, so it costs a lookup, never a wrong key.
 */
final class ByteKeyTable {
  /** {@code ByteJsonReader.lastKey} of an object whose first key is still to come. */
  static final int START = -1;

  private final String[] names;
  final byte[][] bytes;
  private final int readCount;
  private final int[] slots; // open addressing by hash: index + 1, 0 empty
  private final int mask;
  /** The key seen after each key last time, at [i + 1]; [0]: the first key of an object; -1 unknown. */
  private final int[] successor;
  /** Each key as written before its value, {@code "key":}, for the guessed-key compare (null: too long for it). */
  private final BytePattern[] patterns;
  /**
   * The pattern of the key seen after each key last time, indexed as {@link #successor}: one load from the previous
   * key to the words to compare (an immutable object, so a racing update is seen whole or not at all).
   */
  private final BytePattern[] guessed;

  /** {@code read}: the keys the caller handles, by index; {@code skipped}: keys known to be skipped. */
  ByteKeyTable(List<String> read, List<String> skipped) {
    List<String> all = new ArrayList<>(read);
    for (String k : skipped) {
      if (all.contains(k)) throw new IllegalArgumentException("key listed twice: " + k);
      all.add(k);
    }
    this.names = all.toArray(new String[0]);
    this.readCount = read.size();
    this.bytes = new byte[names.length][];
    int size = Integer.highestOneBit(Math.max(4, names.length * 4) - 1) << 1;
    this.slots = new int[size];
    this.mask = size - 1;
    for (int i = 0; i < names.length; i++) {
      for (int j = 0; j < i; j++) {
        if (names[j].equals(names[i])) throw new IllegalArgumentException("key listed twice: " + names[i]);
      }
      bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
      int s = hash(bytes[i]) & mask;
      while (slots[s] != 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    this.successor = new int[names.length + 1];
    Arrays.fill(successor, -1);
    this.patterns = new BytePattern[names.length];
    for (int i = 0; i < names.length; i++) patterns[i] = BytePattern.keyOrNull(names[i], i, result(i));
    this.guessed = new BytePattern[names.length + 1];
  }

  /** Only keys to read, no known skipped ones (for small objects). */
  ByteKeyTable(String... read) {
    this(List.of(read), List.of());
  }

  /**
   * Whether the window holds key {@code i}'s {@code "key":} at {@code p}; the caller made sure that
   * {@link BytePattern#MAX_BYTES} bytes are there.
   */
  boolean matches(int i, byte[] b, int p) {
    BytePattern pattern = patterns[i];
    return pattern != null && pattern.matches(b, p);
  }

  /** The pattern of the key that followed {@code previous} last time; null when unknown or too long for one. */
  BytePattern guess(int previous) {
    return previous + 1 < guessed.length ? guessed[previous + 1] : null;
  }

  /** The length of key {@code i}'s {@code "key":} (when {@link #matches} said yes). */
  int patternLength(int i) {
    return patterns[i].length();
  }

  /** -1 also for a {@code previous} of another table (an object whose keys a caller reads with two tables). */
  int successor(int previous) {
    return previous + 1 < successor.length ? successor[previous + 1] : -1;
  }

  void follows(int previous, int next) {
    if (previous + 1 < successor.length) {
      successor[previous + 1] = next;
      guessed[previous + 1] = patterns[next];
    }
  }

  /** What {@link ByteJsonReader#nextKey} returns for key {@code i}. */
  int result(int i) {
    return i < readCount ? i : -1;
  }

  int find(byte[] b, int from, int to, int hash) {
    int s = hash & mask;
    while (true) {
      int i = slots[s] - 1;
      if (i < 0) return -1;
      byte[] k = bytes[i];
      if (Arrays.equals(b, from, to, k, 0, k.length)) return i;
      s = (s + 1) & mask;
    }
  }

  int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (name.equals(names[i])) return i;
    }
    return -1;
  }

  private static int hash(byte[] key) {
    int h = 0;
    for (byte b : key) h = 31 * h + b;
    return h;
  }
}
