package io.slurmmetrics.testkit.sim;

import java.util.ArrayList;
import java.util.List;

/** Slurm's compressed host list for names like {@code c001}: {@code c[001-004,007]}. */
final class Hostlist {
  private Hostlist() {}

  static String compress(List<String> names) {
    if (names.isEmpty()) return "";
    if (names.size() == 1) return names.get(0);
    List<String> groups = new ArrayList<>();
    int i = 0;
    while (i < names.size()) {
      String prefix = prefix(names.get(i));
      int j = i;
      while (j + 1 < names.size() && prefix(names.get(j + 1)).equals(prefix)) j++;
      groups.add(group(prefix, names.subList(i, j + 1)));
      i = j + 1;
    }
    return String.join(",", groups);
  }

  private static String prefix(String name) {
    int k = name.length();
    while (k > 0 && Character.isDigit(name.charAt(k - 1))) k--;
    return name.substring(0, k);
  }

  private static String group(String prefix, List<String> names) {
    if (names.size() == 1) return names.get(0);
    StringBuilder b = new StringBuilder(prefix).append('[');
    int width = names.get(0).length() - prefix.length();
    int start = 0;
    for (int k = 1; k <= names.size(); k++) {
      boolean breakHere = k == names.size()
          || number(names.get(k), prefix) != number(names.get(k - 1), prefix) + 1;
      if (breakHere) {
        if (b.charAt(b.length() - 1) != '[') b.append(',');
        b.append(names.get(start).substring(prefix.length()));
        if (k - 1 > start) b.append('-').append(names.get(k - 1).substring(prefix.length()));
        start = k;
      }
    }
    return b.append(']').toString();
  }

  private static long number(String name, String prefix) {
    return Long.parseLong(name.substring(prefix.length()));
  }
}
