package io.slurmmetrics.json;

import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.time.Duration;
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
  /** One TRES array's entries, reused. */
  private final Map<String, Long> tresCounts = new LinkedHashMap<>();

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
    tresCounts.clear();
    r.beginArray();
    while (r.hasNext()) {
      if (!readEntry(r)) continue;
      long v = memInMib && (entryType.equals("mem") || entryType.equals("vmem"))
          ? entryCount * TresParser.MIB : entryCount;
      tresCounts.merge(entryName.isEmpty() ? entryType : entryType + "/" + entryName, v, Long::sum);
    }
    r.endArray();
    return tresCounts.isEmpty() ? Tres.EMPTY : TresParser.shared(tresCounts);
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
