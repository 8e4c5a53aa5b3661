package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of one object type for {@link JsonReader#selectName}: the keys a reader reads, followed by every other key
 * real Slurm sends in that object (recorded 22.05 to 26.05). okio then matches nearly every key in the reader's
 * buffer, so a key that is only skipped costs neither a String nor a hash lookup; that matters for the ~120 keys of
 * each job in a 50,000-job answer. A key missing from the table (a newer Slurm) takes Moshi's slow path and is
 * skipped all the same.
 */
final class KeyTable {
  private final int readCount;
  private final JsonReader.Options options;

  /** {@code read}: the keys the caller handles, by index; {@code skipped}: keys known to be skipped. */
  KeyTable(List<String> read, List<String> skipped) {
    List<String> all = new ArrayList<>(read);
    for (String k : skipped) {
      if (!all.contains(k)) all.add(k);
    }
    this.readCount = read.size();
    this.options = JsonReader.Options.of(all.toArray(new String[0]));
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
