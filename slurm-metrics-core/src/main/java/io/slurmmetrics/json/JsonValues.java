package io.slurmmetrics.json;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Small tolerant readers for strings, booleans, string lists and times, shared by every endpoint reader. */
final class JsonValues {
  private JsonValues() {}

  /** A string; {@code ""} for null; numbers and booleans as their literal; objects/arrays skipped as {@code ""}. */
  static String string(JsonReader r) throws IOException {
    switch (r.peek()) {
      case STRING:
      case NUMBER:
        return r.nextString();
      case BOOLEAN:
        return Boolean.toString(r.nextBoolean());
      case NULL:
        r.nextNull();
        return "";
      default:
        r.skipValue();
        return "";
    }
  }

  /**
   * Values that repeat across thousands of records (user, account, partition, QOS, pending reason): one shared
   * String per distinct value, so a 50,000-job list holds each once instead of 50,000 times. Bounded: once full,
   * values are returned as read.
   */
  private static final int CANONICAL_LIMIT = 16_384;
  private static final java.util.Map<String, String> CANONICAL = new java.util.concurrent.ConcurrentHashMap<>();

  /** {@link #string}, canonicalised (see {@link #CANONICAL}). */
  static String label(JsonReader r) throws IOException {
    String s = string(r);
    if (s.isEmpty()) return s;
    String known = CANONICAL.get(s);
    if (known != null) return known;
    if (CANONICAL.size() < CANONICAL_LIMIT) {
      known = CANONICAL.putIfAbsent(s, s);
      if (known != null) return known;
    }
    return s;
  }

  static boolean bool(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BOOLEAN:
        return r.nextBoolean();
      case NULL:
        r.nextNull();
        return false;
      case STRING:
      case NUMBER:
        String s = r.nextString();
        return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1");
      default:
        r.skipValue();
        return false;
    }
  }

  /** A list of strings: a JSON array of strings, or one comma separated string ({@code "cpu,gpu"}). */
  static List<String> strings(JsonReader r) throws IOException {
    List<String> out = new ArrayList<>();
    switch (r.peek()) {
      case BEGIN_ARRAY:
        r.beginArray();
        while (r.hasNext()) {
          String s = string(r);
          if (!s.isEmpty()) out.add(s);
        }
        r.endArray();
        return out;
      case STRING:
        return splitComma(r.nextString());
      default:
        r.skipValue();
        return out;
    }
  }

  static List<String> splitComma(String s) {
    if (s == null || s.isBlank() || s.equals("(null)")) return new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (String part : Arrays.asList(s.split(","))) {
      String t = part.trim();
      if (!t.isEmpty()) out.add(t);
    }
    return out;
  }

  /** Epoch seconds in any number shape; {@code 0} and unset are empty. */
  static Optional<Instant> time(JsonReader r) throws IOException {
    return instant(NumberReader.readLong(r, 0));
  }

  /** Epoch seconds as read by {@link NumberReader#readLong}; {@code 0} (also unset, infinite) and below are empty. */
  static Optional<Instant> instant(long epochSeconds) {
    return epochSeconds <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(epochSeconds));
  }

  /** Minutes (Slurm's time limits); infinite and unset are empty. */
  static Optional<Duration> minutes(JsonReader r) throws IOException {
    long n = NumberReader.readLong(r, -1);
    return n < 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(n));
  }

  static int toInt(long v) {
    if (v > Integer.MAX_VALUE) return Integer.MAX_VALUE;
    if (v < Integer.MIN_VALUE) return Integer.MIN_VALUE;
    return (int) v;
  }
}
