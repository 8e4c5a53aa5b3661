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
  private static final long MIB = 1024L * 1024L;

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
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
        r.skipValue();
        continue;
      }
      String type = "";
      String name = "";
      SlurmNumber count = SlurmNumber.UNSET;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.nextName()) {
          case "type":
            type = JsonValues.string(r);
            break;
          case "name":
            name = JsonValues.string(r);
            break;
          case "count":
            count = NumberReader.read(r);
            break;
          default:
            r.skipValue();
        }
      }
      r.endObject();
      if (type.isEmpty() || !count.isSet()) continue;
      String key = name.isEmpty() ? type : type + "/" + name;
      long v = memInMib && (type.equals("mem") || type.equals("vmem")) ? count.longValue() * MIB : count.longValue();
      counts.merge(key, v, Long::sum);
    }
    r.endArray();
    return counts.isEmpty() ? Tres.EMPTY : new Tres(counts);
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
