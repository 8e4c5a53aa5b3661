package io.slurmmetrics.json;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the values of one answer were read as, found again by their bytes. In slurmdb's finished jobs most parts of a
 * job repeat byte for byte from job to job (its TRES, exit code and state: a few dozen distinct ones in 40,000 jobs),
 * and reading one key by key costs several times as much as skipping it, hashing its bytes and comparing them with
 * the bytes seen before. Direct-mapped: a slot holds the last value whose hash fell there, so the memory is bounded
 * ({@code slots} values of at most {@code maxBytes} bytes) and a site with more variety only reads more of its values.
 *
 * <p>One instance per answer and kind of value; not thread-safe.
 */
final class SeenValues<T> {
  private final int mask;
  private final int maxBytes;
  private final byte[][] bytes;
  private final long[] hashes;
  private final Object[] values;
  /** The few last values found or read, compared first: no skip and no hash when the value is one of them. */
  private final RecentValues recent = new RecentValues(RECENT);
  /** The value {@link #find} missed, until {@link #remember}: its slot, hash and bytes. */
  private int pendingSlot = -1;
  private long pendingHash;
  private byte[] pendingBytes;

  private static final int RECENT = 4;
  private final RepeatTrial trial = new RepeatTrial();

  /** {@code slots}: a power of two. */
  SeenValues(int slots, int maxBytes) {
    if (Integer.bitCount(slots) != 1) throw new IllegalArgumentException("slots must be a power of two: " + slots);
    this.mask = slots - 1;
    this.maxBytes = maxBytes;
    this.bytes = new byte[slots][];
    this.hashes = new long[slots];
    this.values = new Object[slots];
  }

  /** Reads one value, for the values not seen before in the answer; never null. */
  interface Reader<T> {
    T read(ByteJsonReader r) throws IOException;
  }

  /**
   * The reader's next value: what the same bytes were read as before, or what {@code reader} reads them as now (then
   * remembered). Either way the reader ends past the value.
   */
  T read(ByteJsonReader r, Reader<T> reader) throws IOException {
    if (!trial.looking()) return reader.read(r);
    T known = find(r);
    trial.record(known != null);
    if (known != null) return known;
    // null would read as "not found" next time, after the value's bytes were consumed
    T value = Objects.requireNonNull(reader.read(r), "a SeenValues reader returned null");
    remember(value);
    return value;
  }

  /** Whether values are still looked up ({@link #read} reads every value once its trial found few repeats). */
  boolean looking() {
    return trial.looking();
  }

  /**
   * The value read before from the same bytes as the reader's next value, with the reader past it; or null, with the
   * reader still before it.
   */
  @SuppressWarnings("unchecked")
  private T find(ByteJsonReader r) throws IOException {
    if (recent.skipKnown(r)) return (T) recent.first();
    r.markValue();
    r.skipValue();
    byte[] b = r.window();
    int from = r.marked();
    int to = r.position();
    pendingSlot = -1;
    if (to - from > maxBytes) {
      r.rewind();
      return null;
    }
    long h = hash(b, from, to);
    int slot = (int) (h ^ (h >>> 32)) & mask;
    byte[] seen = bytes[slot];
    if (seen != null && hashes[slot] == h && Arrays.equals(seen, 0, seen.length, b, from, to)) {
      r.unmark();
      recent.add(seen, values[slot]);
      return (T) values[slot];
    }
    r.rewind();
    pendingSlot = slot;
    pendingHash = h;
    pendingBytes = Arrays.copyOfRange(b, from, to);
    return null;
  }

  /** What the value {@link #find} just missed was read as. */
  private void remember(T value) {
    if (pendingSlot < 0) return;
    bytes[pendingSlot] = pendingBytes;
    hashes[pendingSlot] = pendingHash;
    values[pendingSlot] = value;
    recent.add(pendingBytes, value);
    pendingSlot = -1;
    pendingBytes = null;
  }

  private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;

  /** A word-at-a-time hash of {@code b[from, to)}. */
  private static long hash(byte[] b, int from, int to) {
    long h = to - from;
    int p = from;
    for (; p + 8 <= to; p += 8) h = (h ^ (long) ByteJsonReader.LONGS.get(b, p)) * MULTIPLIER;
    for (; p < to; p++) h = (h ^ b[p]) * MULTIPLIER;
    return h ^ (h >>> 29);
  }
}
