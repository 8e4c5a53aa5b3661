package io.slurmmetrics.exporter.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style durations: {@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 2h}, {@code 1d}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private Durations() {}

  /** Parses {@code text}; the exception message says what was wrong but not where (the caller adds that). */
  public static Duration parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) throw new IllegalArgumentException("empty duration (expected e.g. 30s, 1m, 1m30s)");
    if (s.equals("0")) return Duration.ZERO;
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("\"" + text + "\" is not a duration (expected e.g. 30s, 1m, 1m30s, 500ms)");
      }
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
      at = m.end();
    }
    return total;
  }

  /** The shortest Prometheus-style text for {@code d}: {@code 30s}, {@code 1m30s}, {@code 500ms}. */
  public static String format(Duration d) {
    if (d.isZero()) return "0s";
    StringBuilder b = new StringBuilder();
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    int ms = d.toMillisPart();
    if (h > 0) b.append(h).append('h');
    if (m > 0) b.append(m).append('m');
    if (s > 0) b.append(s).append('s');
    if (ms > 0) b.append(ms).append("ms");
    return b.toString();
  }
}
