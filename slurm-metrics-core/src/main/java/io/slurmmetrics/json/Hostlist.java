package io.slurmmetrics.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The one hostlist expander: {@code n[1-4,7]}, {@code n[01-10]} (zero padding kept), {@code rack[1-2]-n[1-3]}
 * (several bracket groups), {@code a,b,c[1-2]} (comma lists). Empty, {@code (null)} and {@code None} expand to
 * nothing.
 */
public final class Hostlist {
  /** Refuse to expand absurd ranges (a garbage payload must not exhaust the heap). */
  static final int MAX_HOSTS = 1_000_000;

  private Hostlist() {}

  /**
   * Every host name, in order.
   *
   * @throws IllegalArgumentException for unbalanced brackets, a bad range, or more than a million hosts
   */
  public static List<String> expand(String hostlist) {
    List<String> out = new ArrayList<>();
    if (hostlist == null) return out;
    String s = hostlist.trim();
    if (s.isEmpty() || s.equals("(null)") || s.equalsIgnoreCase("None")) return out;
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : ',';
      if (c == '[') depth++;
      else if (c == ']') depth--;
      if (depth < 0 || (i == s.length() && depth != 0)) {
        throw new IllegalArgumentException("unbalanced brackets in hostlist \"" + s + "\"");
      }
      if (c == ',' && depth == 0) {
        String item = s.substring(start, i).trim();
        if (!item.isEmpty()) expandOne(item, out);
        start = i + 1;
      }
    }
    return out;
  }

  private static void expandOne(String item, List<String> out) {
    int open = item.indexOf('[');
    if (open < 0) {
      add(out, item);
      return;
    }
    int close = item.indexOf(']', open);
    if (close < 0) throw new IllegalArgumentException("unbalanced '[' in hostlist item \"" + item + "\"");
    String prefix = item.substring(0, open);
    String ranges = item.substring(open + 1, close);
    String rest = item.substring(close + 1);
    List<String> tails = new ArrayList<>();
    if (rest.isEmpty()) tails.add("");
    else expandOne(rest, tails);
    for (String range : ranges.split(",")) {
      String r = range.trim();
      if (r.isEmpty()) continue;
      int dash = r.indexOf('-');
      if (dash < 0) {
        for (String tail : tails) add(out, prefix + r + tail);
        continue;
      }
      String lo = r.substring(0, dash);
      String hi = r.substring(dash + 1);
      long from;
      long to;
      try {
        from = Long.parseLong(lo);
        to = Long.parseLong(hi);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad range \"" + r + "\" in hostlist item \"" + item + "\"");
      }
      if (to < from) throw new IllegalArgumentException("descending range \"" + r + "\" in \"" + item + "\"");
      int width = lo.length() > 1 && lo.startsWith("0") ? lo.length() : 0;
      for (long n = from; n <= to; n++) {
        String num = width > 0 ? zeroPadded(n, width) : Long.toString(n);
        for (String tail : tails) add(out, prefix + num + tail);
      }
    }
  }

  /** As {@code %0<width>d}, without a Formatter per host (10,000 node names per partitions answer). */
  private static String zeroPadded(long n, int width) {
    String digits = Long.toString(n);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  private static void add(List<String> out, String host) {
    if (out.size() >= MAX_HOSTS) {
      throw new IllegalArgumentException("hostlist expands to more than " + MAX_HOSTS + " hosts");
    }
    out.add(host);
  }
}
