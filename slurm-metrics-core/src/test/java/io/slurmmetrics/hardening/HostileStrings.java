package io.slurmmetrics.hardening;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Names as hostile as Slurm (or a user naming a job) can make them: quotes, backslashes, newlines, tabs, other
 * control characters, emoji, lone UTF-16 surrogates (what invalid UTF-8 or a bad {@code \\ud800} escape becomes),
 * exposition syntax, and 10 kB of it.
 */
final class HostileStrings {
  static final List<String> PIECES = List.of("a", "Z", "9", "_", "-", ".", " ", "\"", "\\", "\\\"", "\n", "\r",
      "\t", "\u0000", "\u0007", "\u001b[31m", "\u007f", "\uD83D\uDE00", "\uD83D", "\uDE00", "\uFFFD", "é", "ß",
      "日本", "{", "}", "=", ",", "}\"", "\"}", "# HELP x y\n", "# TYPE x counter\n", "x{a=\"b\"} 1\n", "\\n",
      "\u2028", "\uFEFF");

  private HostileStrings() {}

  /** Up to 12 pieces, or (one time in ten) 10,000 characters of them. */
  static Arbitrary<String> names() {
    Arbitrary<String> shortOnes = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(12)
        .map(l -> String.join("", l));
    Arbitrary<String> longOnes = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(6)
        .map(l -> String.join("", l))
        .map(s -> s.repeat(10_000 / s.length() + 1).substring(0, 10_000));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, shortOnes),
        net.jqwik.api.Tuple.of(1, longOnes));
  }

  /**
   * The label value the exposition must carry for {@code raw}, written from the rule the docs state (not from the
   * code under test): control characters become U+FFFD except tab, CR and LF, which become a space; a UTF-16
   * surrogate without its partner becomes U+FFFD; more than {@code max} code points are cut to {@code max - 3}
   * followed by {@code ...}.
   */
  static String expected(String raw, int max) {
    StringBuilder cleaned = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
        cleaned.append(c).append(raw.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        cleaned.append('\uFFFD');
      } else if (c == '\t' || c == '\n' || c == '\r') {
        cleaned.append(' ');
      } else if (c < 0x20 || c == 0x7f) {
        cleaned.append('\uFFFD');
      } else {
        cleaned.append(c);
      }
    }
    String s = cleaned.toString();
    int codePoints = s.codePointCount(0, s.length());
    if (codePoints <= max) return s;
    return s.substring(0, s.offsetByCodePoints(0, max - 3)) + "...";
  }
}
