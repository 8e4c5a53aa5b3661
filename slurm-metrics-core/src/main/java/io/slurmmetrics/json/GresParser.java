package io.slurmmetrics.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one GRES parser: {@code gpu:tesla:2}, {@code gpu:tesla:1(IDX:0)}, {@code gpu:2(S:0)}, {@code gpu} (one),
 * {@code gpu:a100:2(IDX:0,2),mps:100} into counts keyed {@code name[:type]}. {@code N/A}, {@code (null)} and empty
 * give an empty map. Commas inside parentheses belong to the index list, not to the GRES list.
 */
public final class GresParser {
  private GresParser() {}

  /** Counts by {@code name[:type]}, in input order; never null. */
  public static Map<String, Long> parse(String s) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (s == null) return out;
    String text = s.trim();
    if (text.isEmpty() || text.equals("N/A") || text.equals("(null)")) return out;
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '(') depth++;
      else if (c == ')') depth = Math.max(0, depth - 1);
      else if (c == ',' && depth == 0) {
        addOne(text.substring(start, i), out);
        start = i + 1;
      }
    }
    return out;
  }

  private static void addOne(String item, Map<String, Long> out) {
    String t = item.trim();
    int paren = t.indexOf('(');
    if (paren >= 0) t = t.substring(0, paren);
    if (t.isEmpty()) return;
    String[] parts = t.split(":");
    long count = 1;
    int nameParts = parts.length;
    Long last = parseCount(parts[parts.length - 1]);
    if (parts.length > 1 && last != null) {
      count = last;
      nameParts = parts.length - 1;
    }
    StringBuilder key = new StringBuilder(parts[0]);
    // keep the type ("gpu:a100"), drop anything past it (older Slurm printed "gpu:a100:no_consume:2")
    if (nameParts >= 2 && !parts[1].equals("no_consume")) key.append(':').append(parts[1]);
    out.merge(key.toString(), count, Long::sum);
  }

  /** {@code 2}, {@code 2K}, {@code 1M} (GRES counts may carry a multiplier suffix). */
  private static Long parseCount(String s) {
    if (s.isEmpty()) return null;
    long mult = 1;
    char u = Character.toUpperCase(s.charAt(s.length() - 1));
    String digits = s;
    if (u == 'K' || u == 'M' || u == 'G' || u == 'T') {
      digits = s.substring(0, s.length() - 1);
      mult = u == 'K' ? 1024L : u == 'M' ? 1024L * 1024 : u == 'G' ? 1024L * 1024 * 1024 : 1024L * 1024 * 1024 * 1024;
    }
    if (digits.isEmpty()) return null;
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) return null;
    }
    return Long.parseLong(digits) * mult;
  }
}
