package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.model.Tres;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one TRES parser, for both shapes Slurm uses: the string {@code cpu=2,mem=1000M,node=1,gres/gpu:tesla=2}
 * (squeue, REST {@code tres_alloc_str}) and the array {@code [{"type":"gres","name":"gpu","count":2}, ...]}
 * (slurmdb). Memory ({@code mem}) comes out in bytes: string values carry a unit suffix (K, M, G, T, P; none means
 * MiB, as Slurm prints it), array counts are MiB. Unparseable entries are skipped, never fatal.
 */
public final class TresParser {
  static final long MIB = 1024L * 1024L;

  private TresParser() {}

  /**
   * Parsed TRES strings, shared: a queue repeats a handful of request shapes ({@code cpu=4,mem=8000M,node=1,...})
   * tens of thousands of times, and {@link Tres} is immutable. Bounded: once full, strings are parsed uncached.
   */
  private static final int CACHE_LIMIT = 4096;
  private static final Map<String, Tres> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  /** Parses the string form; {@code null}, empty and {@code (null)} give {@link Tres#EMPTY}. */
  public static Tres parse(String s) {
    if (s == null || s.isBlank() || s.equals("(null)")) return Tres.EMPTY;
    Tres cached = CACHE.get(s);
    if (cached != null) return cached;
    Tres t = parseUncached(s);
    if (CACHE.size() < CACHE_LIMIT) CACHE.putIfAbsent(s, t);
    return t;
  }

  private static Tres parseUncached(String s) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String item : s.split(",")) {
      int eq = item.indexOf('=');
      if (eq <= 0) continue;
      String key = item.substring(0, eq).trim();
      String value = item.substring(eq + 1).trim();
      Long v = key.equals("mem") || key.equals("vmem") ? bytes(value) : count(value);
      if (v != null) counts.merge(key, v, Long::sum);
    }
    return counts.isEmpty() ? Tres.EMPTY : new Tres(counts);
  }

  /** Reads either shape (string or array of objects); consumes one JSON value. */
  public static Tres read(JsonReader r) throws IOException {
    switch (r.peek()) {
      case STRING:
        return parse(r.nextString());
      case BEGIN_ARRAY:
        return readArray(r, true);
      default:
        r.skipValue();
        return Tres.EMPTY;
    }
  }

  /** Keys of one array entry; {@code id} is known and skipped in the buffer. */
  private static final JsonReader.Options ENTRY_KEYS = JsonReader.Options.of("type", "name", "count", "id");
  /**
   * Every TRES type Slurm has, matched in the reader's buffer and returned as these constant Strings: an accounting
   * answer holds a dozen TRES entries per job and step, and a type never needs a String of its own.
   */
  private static final String[] TYPES =
      {"cpu", "mem", "node", "billing", "gres", "energy", "fs", "vmem", "pages", "license", "bb", "ic"};
  private static final JsonReader.Options TYPE_VALUES = JsonReader.Options.of(TYPES);
  private static final JsonReader.Options EMPTY_VALUE = JsonReader.Options.of("");

  /** One {@code {"type", "name", "count"}} entry, reused across the entries of an array. */
  private static final class Entry {
    String type;
    String name;
    SlurmNumber count;

    /** Reads one array element; false when it is no object or lacks a type or a set count (then ignored). */
    boolean read(JsonReader r) throws IOException {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
        r.skipValue();
        return false;
      }
      type = "";
      name = "";
      count = SlurmNumber.UNSET;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(ENTRY_KEYS)) {
          case 0:
            int t = r.selectString(TYPE_VALUES);
            type = t >= 0 ? TYPES[t] : JsonValues.string(r);
            break;
          case 1:
            name = r.selectString(EMPTY_VALUE) == 0 ? "" : JsonValues.string(r);
            break;
          case 2:
            count = NumberReader.read(r);
            break;
          case 3:
            r.skipValue();
            break;
          default:
            r.skipName();
            r.skipValue();
        }
      }
      r.endObject();
      return !type.isEmpty() && count.isSet();
    }

    String key() {
      return name.isEmpty() ? type : type + "/" + name;
    }
  }

  /**
   * The array form. {@code memInMib}: true for allocations (slurmdb counts memory in MiB), false for usage figures
   * (step {@code tres.requested.max}), which Slurm keeps in bytes.
   */
  static Tres readArray(JsonReader r, boolean memInMib) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
      r.skipValue();
      return Tres.EMPTY;
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    Entry e = new Entry();
    r.beginArray();
    while (r.hasNext()) {
      if (!e.read(r)) continue;
      long v = memInMib && (e.type.equals("mem") || e.type.equals("vmem")) ? e.count.longValue() * MIB
          : e.count.longValue();
      counts.merge(e.key(), v, Long::sum);
    }
    r.endArray();
    return counts.isEmpty() ? Tres.EMPTY : shared(counts);
  }

  /** The shared {@link Tres} for array-form counts (see {@link #ARRAY_CACHE}); {@code counts} is copied, not kept. */
  static Tres shared(Map<String, Long> counts) {
    Tres known = ARRAY_CACHE.get(counts);
    if (known != null && sameOrder(known.counts(), counts)) return known;
    Tres t = new Tres(counts);
    if (ARRAY_CACHE.size() < CACHE_LIMIT) ARRAY_CACHE.putIfAbsent(t.counts(), t);
    return t;
  }

  /**
   * Array-form TRES, shared like {@link #CACHE}: an accounting answer repeats a few hundred allocation shapes over
   * tens of thousands of jobs, and a poller holds a whole answer's jobs at once. Keyed by the counts read; bounded.
   */
  private static final Map<Map<String, Long>, Tres> ARRAY_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  /** Equal maps may list their keys in another order; a shared value must keep the order Slurm sent. */
  private static boolean sameOrder(Map<String, Long> a, Map<String, Long> b) {
    java.util.Iterator<String> i = a.keySet().iterator();
    for (String k : b.keySet()) {
      if (!i.hasNext() || !i.next().equals(k)) return false;
    }
    return !i.hasNext();
  }

  private static Long count(String value) {
    try {
      SlurmNumber n = NumberReader.parse(value);
      return n.isSet() ? n.longValue() : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code 1000M} -> bytes; a bare number is MiB. */
  static Long bytes(String value) {
    if (value.isEmpty()) return null;
    char unit = Character.toUpperCase(value.charAt(value.length() - 1));
    String digits = Character.isLetter(unit) ? value.substring(0, value.length() - 1) : value;
    long multiplier;
    switch (Character.isLetter(unit) ? unit : 'M') {
      case 'B': multiplier = 1; break;
      case 'K': multiplier = 1024L; break;
      case 'M': multiplier = MIB; break;
      case 'G': multiplier = 1024L * MIB; break;
      case 'T': multiplier = 1024L * 1024L * MIB; break;
      case 'P': multiplier = 1024L * 1024L * 1024L * MIB; break;
      default: return null;
    }
    try {
      double d = Double.parseDouble(digits.toLowerCase(Locale.ROOT));
      return Math.round(d * multiplier);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
