package io.slurmmetrics.metrics;

/**
 * Makes free text from Slurm safe as a label value: malformed UTF-16 (lone surrogates, which encode to invalid UTF-8)
 * and control characters are replaced, and the length is capped so a long drain reason cannot bloat every scrape.
 */
public final class LabelValues {
  /** Cap for free-text values such as node reasons. */
  public static final int MAX_REASON_LENGTH = 100;
  /** Cap for any other value (names Slurm already limits). */
  public static final int MAX_LENGTH = 256;

  private static final char REPLACEMENT = '\uFFFD';

  private LabelValues() {}

  /** {@code value} made safe, cut to {@link #MAX_LENGTH}. */
  public static String sanitize(String value) {
    return sanitize(value, MAX_LENGTH);
  }

  /** {@code value} with bad characters replaced and cut to {@code maxLength} code points ({@code ...} marks a cut). */
  public static String sanitize(String value, int maxLength) {
    if (value == null) return "";
    StringBuilder out = null;
    int n = value.length();
    int codePoints = 0;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      char repl = c;
      boolean pair = false;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) pair = true;
        else repl = REPLACEMENT;
      } else if (Character.isLowSurrogate(c)) {
        repl = REPLACEMENT;
      } else if (c < 0x20 || c == 0x7f) {
        repl = c == '\t' || c == '\n' || c == '\r' ? ' ' : REPLACEMENT;
      }
      if (codePoints == maxLength) {
        StringBuilder b = out != null ? out : new StringBuilder(value.substring(0, i));
        int keep = b.offsetByCodePoints(0, Math.max(0, maxLength - 3));
        b.setLength(keep);
        b.append("...");
        return b.toString();
      }
      codePoints++;
      if (repl != c && out == null) out = new StringBuilder(value.substring(0, i));
      if (out != null) {
        out.append(repl);
        if (pair) out.append(value.charAt(i + 1));
      }
      if (pair) i++;
    }
    return out != null ? out.toString() : value;
  }
}
