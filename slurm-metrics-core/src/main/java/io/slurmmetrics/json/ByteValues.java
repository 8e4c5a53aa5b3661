package io.slurmmetrics.json;

import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value shapes of {@link NumberReader}, {@link JsonValues}, {@link StateReader} and {@link TresParser}, read by a
 * {@link ByteJsonReader}, with the same rules (they reuse those classes' parsing of a String wherever a value is not
 * in its common form). One per answer: it keeps the answer's repeated strings (users, accounts, states, TRES types)
 * decoded once. Not thread-safe.
 */
final class ByteValues {
  private static final ByteKeyTable NUMBER_KEYS = new ByteKeyTable("set", "infinite", "number");
  private static final ByteKeyTable SECONDS_MICROS = new ByteKeyTable("seconds", "microseconds");
  private static final ByteKeyTable TRES_ENTRY =
      new ByteKeyTable(List.of("type", "name", "count"), List.of("id", "task", "node"));

  private final StringPool labels = new StringPool();
  /** State texts as {@link StateReader#split} gives them, by the pooled String (an answer has a few dozen). */
  private final Map<String, List<String>> stateTokens = new HashMap<>();

  /** A value that repeats across records, as one String per distinct value of the answer. */
  String label(ByteJsonReader r) throws IOException {
    return r.nextLabel(labels);
  }

  /** {@link NumberReader#read} on bytes: every shape and sentinel. */
  static SlurmNumber number(ByteJsonReader r) throws IOException {
    switch (r.peek()) {
      case ByteJsonReader.NUMBER:
        long l = r.nextLongOrMin();
        return l != Long.MIN_VALUE ? NumberReader.classify(l, false) : NumberReader.parse(r.nextNumberText(), false);
      case ByteJsonReader.NULL:
        r.nextNull();
        return SlurmNumber.UNSET;
      case ByteJsonReader.STRING:
      case ByteJsonReader.LITERAL:
        return NumberReader.parse(r.nextString(), false);
      case ByteJsonReader.BOOLEAN:
        return SlurmNumber.of(r.nextBoolean() ? 1 : 0);
      case ByteJsonReader.OBJECT:
        return numberObject(r);
      default:
        r.skipValue();
        return SlurmNumber.UNSET;
    }
  }

  /** {@link NumberReader#readLong}: the value, or {@code fallback} when unset or infinite. */
  static long longOr(ByteJsonReader r, long fallback) throws IOException {
    if (r.peek() == ByteJsonReader.NUMBER) {
      // a plain integer without a SlurmNumber (times and ids: most numbers of a job, and too large to be shared)
      long l = r.nextLongOrMin();
      if (l != Long.MIN_VALUE) return NumberReader.isValue(l) ? l : fallback;
    }
    return number(r).orElse(fallback);
  }

  /** {@code {"set", "infinite", "number"}} (v0.0.39+); {@code {}} is unset. */
  private static SlurmNumber numberObject(ByteJsonReader r) throws IOException {
    Boolean set = null;
    boolean infinite = false;
    SlurmNumber number = SlurmNumber.UNSET;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(NUMBER_KEYS)) {
        case 0: set = flag(r); break;
        case 1: infinite = flag(r); break;
        case 2: number = number(r); break;
        default: r.skipValue();
      }
    }
    r.endObject();
    if (infinite) return SlurmNumber.INFINITE;
    if (Boolean.FALSE.equals(set)) return SlurmNumber.UNSET;
    return number;
  }

  private static boolean flag(ByteJsonReader r) throws IOException {
    switch (r.peek()) {
      case ByteJsonReader.BOOLEAN:
        return r.nextBoolean();
      case ByteJsonReader.NULL:
        r.nextNull();
        return false;
      default:
        String s = r.nextString();
        return s.equalsIgnoreCase("true") || s.equals("1");
    }
  }

  /** A {@code {"seconds": s, "microseconds": us}} pair, or a plain number of seconds. */
  static Duration secondsMicros(ByteJsonReader r) throws IOException {
    if (r.peek() != ByteJsonReader.OBJECT) return Duration.ofSeconds(longOr(r, 0));
    long seconds = 0;
    long micros = 0;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(SECONDS_MICROS)) {
        case 0: seconds = longOr(r, 0); break;
        case 1: micros = longOr(r, 0); break;
        default: r.skipValue();
      }
    }
    r.endObject();
    return Duration.ofSeconds(seconds).plusNanos(micros * 1000);
  }

  /** Skips a value that should be an object and is not (null, a string): false. */
  static boolean isObject(ByteJsonReader r) throws IOException {
    if (r.peek() == ByteJsonReader.OBJECT) return true;
    r.skipValue();
    return false;
  }

  /** {@link StateReader#tokens}: an array of state words or one {@code +}-joined text, appended to {@code out}. */
  void tokens(ByteJsonReader r, List<String> out) throws IOException {
    switch (r.peek()) {
      case ByteJsonReader.ARRAY:
        r.beginArray();
        while (r.hasNext()) out.addAll(split(label(r)));
        r.endArray();
        return;
      case ByteJsonReader.STRING:
        out.addAll(split(label(r)));
        return;
      default:
        r.skipValue();
    }
  }

  private List<String> split(String text) {
    List<String> known = stateTokens.get(text);
    if (known == null) {
      known = List.copyOf(StateReader.split(text));
      if (stateTokens.size() < 1024) stateTokens.put(text, known);
    }
    return known;
  }

  /** {@link TresParser#read}: the string form ({@code cpu=2,mem=1000M}) or the array form; anything else is empty. */
  Tres tres(ByteJsonReader r) throws IOException {
    switch (r.peek()) {
      case ByteJsonReader.STRING:
        return TresParser.parse(label(r));
      case ByteJsonReader.ARRAY:
        return tresArray(r, true);
      default:
        r.skipValue();
        return Tres.EMPTY;
    }
  }

  /**
   * {@link TresParser#readArray} on bytes: {@code [{"type":"gres","name":"gpu","count":2}, ...]}; entries without a
   * type or a set count are ignored. {@code memInMib}: slurmdb counts allocated memory in MiB (converted to bytes).
   */
  Tres tresArray(ByteJsonReader r, boolean memInMib) throws IOException {
    if (r.peek() != ByteJsonReader.ARRAY) {
      r.skipValue();
      return Tres.EMPTY;
    }
    int n = 0;
    r.beginArray();
    while (r.hasNext()) {
      if (!readEntry(r)) continue;
      long v = memInMib && (entryType.equals("mem") || entryType.equals("vmem"))
          ? entryCount * TresParser.MIB : entryCount;
      int i = 0;
      while (i < n && !(types[i].equals(entryType) && names[i].equals(entryName))) i++;
      if (i < n) {
        counts[i] += v; // the same type listed twice: summed, as TresParser does
        continue;
      }
      if (n == types.length) growEntries();
      types[n] = entryType;
      names[n] = entryName;
      counts[n] = v;
      n++;
    }
    r.endArray();
    return n == 0 ? Tres.EMPTY : sharedTres(n);
  }

  /** The entries of the TRES array being read (types and names are the answer's pooled strings); reused. */
  private String[] types = new String[8];
  private String[] names = new String[8];
  private long[] counts = new long[8];

  private void growEntries() {
    types = Arrays.copyOf(types, types.length * 2);
    names = Arrays.copyOf(names, names.length * 2);
    counts = Arrays.copyOf(counts, counts.length * 2);
  }

  /**
   * The {@link TresParser#shared} value of the first {@code n} entries, without building its map when this answer
   * had the same entries before (a few dozen allocation shapes over tens of thousands of jobs).
   */
  private Tres sharedTres(int n) {
    int h = n;
    for (int i = 0; i < n; i++) {
      h = ((h * 31 + types[i].hashCode()) * 31 + names[i].hashCode()) * 31 + Long.hashCode(counts[i]);
    }
    int slot = (h ^ (h >>> 16)) & (seenTres.length - 1);
    SeenTres seen = seenTres[slot];
    if (seen != null && seen.sameAs(types, names, counts, n)) return seen.tres;
    Map<String, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) map.put(names[i].isEmpty() ? types[i] : types[i] + "/" + names[i], counts[i]);
    Tres t = TresParser.shared(map);
    seenTres[slot] = new SeenTres(Arrays.copyOf(types, n), Arrays.copyOf(names, n),
        Arrays.copyOf(counts, n), t);
    return t;
  }

  /** TRES arrays of this answer by their entries (direct-mapped: a collision replaces the older one). */
  private final SeenTres[] seenTres = new SeenTres[256];

  private record SeenTres(String[] types, String[] names, long[] counts, Tres tres) {
    boolean sameAs(String[] t, String[] nm, long[] c, int n) {
      if (types.length != n) return false;
      for (int i = 0; i < n; i++) {
        if (counts[i] != c[i] || !types[i].equals(t[i]) || !names[i].equals(nm[i])) return false;
      }
      return true;
    }
  }

  /** The sum of the untyped {@code type} entries of a TRES array, as they stand; -1 when there is none. */
  long tresCount(ByteJsonReader r, String type) throws IOException {
    if (r.peek() != ByteJsonReader.ARRAY) {
      r.skipValue();
      return -1;
    }
    long sum = -1;
    r.beginArray();
    while (r.hasNext()) {
      if (readEntry(r) && entryName.isEmpty() && entryType.equals(type)) sum = Math.max(sum, 0) + entryCount;
    }
    r.endArray();
    return sum;
  }

  /** A count that is unset or infinite (no real count is this). */
  private static final long NO_COUNT = Long.MIN_VALUE;

  /** The entry {@link #readEntry} read last. */
  private String entryType;
  private String entryName;
  private long entryCount;

  /** One TRES array entry; false when it is no object or lacks a type or a set count. */
  private boolean readEntry(ByteJsonReader r) throws IOException {
    if (!isObject(r)) return false;
    entryType = "";
    entryName = "";
    long count = NO_COUNT;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextKey(TRES_ENTRY)) {
        case 0: entryType = label(r); break;
        case 1: entryName = label(r); break;
        case 2: count = longOr(r, NO_COUNT); break;
        default: r.skipValue();
      }
    }
    r.endObject();
    entryCount = count != NO_COUNT ? count : 0;
    return !entryType.isEmpty() && count != NO_COUNT;
  }
}
