package io.slurmmetrics.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The one number reader for every Slurm shape: a plain number, {@code null}, {@code {"set","infinite","number"}}
 * (v0.0.39+), {@code {}}, a string ({@code "Infinity"}, {@code "12"}), and Slurm's sentinels: NO_VAL
 * ({@code 4294967294}, {@code 18446744073709551614}, {@code -2}) means unset, INFINITE ({@code 4294967295},
 * {@code 18446744073709551615}, {@code -1} in v0.0.38) means unlimited, and bit 63 on a memory figure means
 * "per CPU". The 16-bit sentinels ({@code 65534}, {@code 65535}) are only honoured by {@link #read16}, because
 * 65534 can be a real value elsewhere (MiB of memory).
 */
public final class NumberReader {
  private static final BigInteger NO_VAL64 = new BigInteger("18446744073709551614");
  private static final BigInteger INFINITE64 = new BigInteger("18446744073709551615");
  private static final BigInteger MEM_PER_CPU = BigInteger.ONE.shiftLeft(63);
  private static final long NO_VAL = 4294967294L;
  private static final long INFINITE = 4294967295L;

  private NumberReader() {}

  /** Reads any of the shapes; consumes exactly one JSON value. */
  public static SlurmNumber read(JsonReader r) throws IOException {
    return read(r, false);
  }

  /** Like {@link #read} for fields Slurm keeps in 16 bits, where {@code 65534}/{@code 65535} are sentinels. */
  public static SlurmNumber read16(JsonReader r) throws IOException {
    return read(r, true);
  }

  private static SlurmNumber read(JsonReader r, boolean sixteen) throws IOException {
    switch (r.peek()) {
      case NULL:
        r.nextNull();
        return SlurmNumber.UNSET;
      case NUMBER:
        return readNumber(r, sixteen);
      case STRING:
        return parse(r.nextString(), sixteen);
      case BOOLEAN:
        return SlurmNumber.of(r.nextBoolean() ? 1 : 0);
      case BEGIN_OBJECT:
        return readObject(r, sixteen);
      default:
        r.skipValue();
        return SlurmNumber.UNSET;
    }
  }

  /**
   * {@link #read}{@code .orElse(fallback)} without the {@link SlurmNumber}: the value, or {@code fallback} when unset or
   * infinite. The plain and the {@code {"set","infinite","number"}} shapes are read allocation-free (a 50,000-job
   * answer has over a million numbers); every other shape goes through {@link #read}.
   */
  static long readLong(JsonReader r, long fallback) throws IOException {
    switch (r.peek()) {
      case NUMBER:
        long l;
        try {
          l = r.nextLong();
        } catch (JsonDataException e) {
          return parse(r.nextString(), false).orElse(fallback);
        }
        return l == NO_VAL || l == -2 || l == INFINITE || l == -1 ? fallback : l;
      case BEGIN_OBJECT:
        return readObjectLong(r, fallback);
      default:
        return read(r, false).orElse(fallback);
    }
  }

  private static long readObjectLong(JsonReader r, long fallback) throws IOException {
    boolean unset = false;
    boolean infinite = false;
    long number = fallback; // {} stays unset
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(OBJECT_KEYS)) {
        case 0:
          unset = !readFlag(r);
          break;
        case 1:
          infinite = readFlag(r);
          break;
        case 2:
          number = readLong(r, fallback);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    return infinite || unset ? fallback : number;
  }

  /**
   * A number literal. Most fit a long, which the reader parses straight from its buffer (no String, no BigInteger:
   * this runs for nearly every number of a 50,000-job answer); the rest (unsigned 64-bit sentinels, fractions) make
   * {@code nextLong} fail, and the reader then hands the same literal to {@code nextString}.
   */
  private static SlurmNumber readNumber(JsonReader r, boolean sixteen) throws IOException {
    long l;
    try {
      l = r.nextLong();
    } catch (JsonDataException e) {
      return parse(r.nextString(), sixteen);
    }
    return classify(l, sixteen);
  }

  private static final JsonReader.Options OBJECT_KEYS = JsonReader.Options.of("set", "infinite", "number");

  private static SlurmNumber readObject(JsonReader r, boolean sixteen) throws IOException {
    Boolean set = null;
    boolean infinite = false;
    SlurmNumber number = SlurmNumber.UNSET;
    r.beginObject();
    while (r.hasNext()) {
      // selectName matches the key in the reader's buffer: no String per key for the most frequent object in v0.0.39+
      switch (r.selectName(OBJECT_KEYS)) {
        case 0:
          set = readFlag(r);
          break;
        case 1:
          infinite = readFlag(r);
          break;
        case 2:
          number = read(r, sixteen);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    if (infinite) return SlurmNumber.INFINITE;
    if (Boolean.FALSE.equals(set)) return SlurmNumber.UNSET;
    return number; // {} stays unset
  }

  private static boolean readFlag(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BOOLEAN:
        return r.nextBoolean();
      case NULL:
        r.nextNull();
        return false;
      default:
        String s = r.nextString();
        return s.equalsIgnoreCase("true") || s.equals("1");
    }
  }

  /** Parses a number literal or numeric string with the same sentinel rules as {@link #read}. */
  public static SlurmNumber parse(String literal) {
    return parse(literal, false);
  }

  static SlurmNumber parse(String literal, boolean sixteen) {
    String s = literal.trim();
    if (s.isEmpty()) return SlurmNumber.UNSET;
    // the common case (TRES counts, numeric strings): a plain integer that fits a long, parsed without BigInteger
    if (s.length() <= 18 && isDigits(s)) return classify(Long.parseLong(s), sixteen);
    String lower = s.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "infinity": case "+infinity": case "inf": case "infinite": case "unlimited":
        return SlurmNumber.INFINITE;
      case "nan": case "n/a": case "none": case "null": case "(null)":
        return SlurmNumber.UNSET;
      default:
        break;
    }
    if (lower.indexOf('.') >= 0 || lower.indexOf('e') >= 0) {
      double d;
      try {
        d = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new NumberFormatException("not a number: \"" + literal + "\"");
      }
      if (Double.isInfinite(d)) return SlurmNumber.INFINITE;
      if (Double.isNaN(d)) return SlurmNumber.UNSET;
      if (d == Math.rint(d) && Math.abs(d) < 1e18) return classify(BigInteger.valueOf((long) d), sixteen);
      return SlurmNumber.of(d);
    }
    BigInteger v;
    try {
      v = new BigInteger(s);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("not a number: \"" + literal + "\"");
    }
    return classify(v, sixteen);
  }

  private static SlurmNumber classify(BigInteger v, boolean sixteen) {
    if (v.equals(NO_VAL64)) return SlurmNumber.UNSET;
    if (v.equals(INFINITE64)) return SlurmNumber.INFINITE;
    if (v.bitLength() >= 64) {
      // unsigned 64-bit with bit 63 set: MEM_PER_CPU flag on a memory figure
      if (v.signum() > 0 && v.testBit(63)) return SlurmNumber.perCpu(v.subtract(MEM_PER_CPU).longValueExact());
      throw new NumberFormatException("number out of range: " + v);
    }
    return classify(v.longValue(), sixteen);
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /** Whether {@link #classify classify(l, false)} is a value (not one of the unset or infinite sentinels). */
  static boolean isValue(long l) {
    return l != NO_VAL && l != -2 && l != INFINITE && l != -1;
  }

  static SlurmNumber classify(long l, boolean sixteen) {
    if (l == NO_VAL || l == -2) return SlurmNumber.UNSET;
    if (l == INFINITE || l == -1) return SlurmNumber.INFINITE;
    if (sixteen) {
      if (l == 0xfffeL) return SlurmNumber.UNSET;
      if (l == 0xffffL) return SlurmNumber.INFINITE;
    }
    return SlurmNumber.of(l);
  }
}
