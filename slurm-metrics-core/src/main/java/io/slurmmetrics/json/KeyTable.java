package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of one object type for {@link JsonReader#selectName}: the keys a reader reads, followed by every other key
 * real Slurm sends in that object (recorded 22.05 to 26.05). okio then matches nearly every key in the reader's
 * buffer, so a key that is only skipped costs neither a String nor a hash lookup; that matters for the ~120 keys of
 * each node of a 10,000-node answer. A key missing from the table (a newer Slurm) takes Moshi's slow path and is
 * skipped all the same.
 */
final class KeyTable {
  private final int readCount;
  private final JsonReader.Options options;
  /** Each key alone, for {@link Cursor}: matching one expected key is a byte compare, no walk through the table. */
  private final JsonReader.Options[] single;
  /**
   * The key seen after each key (and, at {@code [size]}, first in an object) last time; -1 unknown. Shared and written
   * without locking: it is only a guess that {@link Cursor} checks, so a stale or racing value costs a miss, never a
   * wrong key.
   */
  private final int[] successor;

  /** {@code read}: the keys the caller handles, by index; {@code skipped}: keys known to be skipped. */
  KeyTable(List<String> read, List<String> skipped) {
    List<String> all = new ArrayList<>(read);
    for (String k : skipped) {
      if (!all.contains(k)) all.add(k);
    }
    this.readCount = read.size();
    this.options = JsonReader.Options.of(all.toArray(new String[0]));
    this.single = new JsonReader.Options[all.size()];
    for (int i = 0; i < single.length; i++) single[i] = JsonReader.Options.of(all.get(i));
    this.successor = new int[all.size() + 1];
    java.util.Arrays.fill(successor, -1);
  }

  /**
   * Reads the keys of one object, guessing each key from the one before it. Slurm writes the keys of an object in the
   * same order every time, so after the first object of an answer nearly every key is the guessed one and is matched
   * by comparing its bytes, instead of walking the whole table (for a job, ~120 keys of ~140 known) byte by byte. A
   * wrong guess costs the key as a String and a lookup by name, then the table as usual.
   */
  Cursor cursor() {
    return new Cursor();
  }

  /** The keys of one object, in order; see {@link #cursor()}. Not thread-safe (one object on one thread). */
  final class Cursor {
    private int previous = single.length; // the "start of the object" slot of successor

    private Cursor() {}

    /** Like {@link KeyTable#next}: the index in {@code read}, or -1 for a key to skip (its value is still to skip). */
    int next(JsonReader r) throws IOException {
      int guess = successor[previous];
      int i = guess >= 0 ? r.selectName(single[guess]) : -1;
      if (i == 0) {
        i = guess;
      } else {
        i = r.selectName(options); // a missed guess left the name buffered: matched by equals, no byte is re-read
        if (i < 0) {
          r.skipName();
          return -1; // an unknown key does not move the cursor: the key after it is guessed from the one before
        }
        successor[previous] = i;
      }
      previous = i;
      return i < readCount ? i : -1;
    }
  }

  /**
   * Consumes the next key: its index in {@code read}, or -1 for a key to skip (its value is then still to be
   * skipped by the caller).
   */
  int next(JsonReader r) throws IOException {
    int i = r.selectName(options);
    if (i < 0) {
      r.skipName();
      return -1;
    }
    return i < readCount ? i : -1;
  }
}
