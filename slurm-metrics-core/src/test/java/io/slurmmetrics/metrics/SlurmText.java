package io.slurmmetrics.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's own text output read the simplest way, for expectations that do not go through any of our readers:
 * {@code sinfo -h -N -o '%N|%T|%C|%m|%G'}, {@code squeue -h -t all -o '%i|%T|%P|%u|%a|%r'}, {@code sdiag},
 * and {@code sinfo -N -o '%N %P ...'} for partition membership.
 */
final class SlurmText {
  private SlurmText() {}

  /** One line of {@code sinfo -h -N -o '%N|%T|%C|%m|%G'}. */
  record SinfoNode(String node, String state, long alloc, long idle, long other, long total, long memMiB,
      long gpus) {}

  /** One line of {@code squeue -h -t all -o '%i|%T|%P|%u|%a|%r'}. */
  record SqueueJob(String id, String state, String partition, String user, String account, String reason) {}

  static List<SinfoNode> sinfoNodes(String text) {
    List<SinfoNode> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) continue;
      String[] f = line.split("\\|", -1);
      String[] cpus = f[2].split("/");
      out.add(new SinfoNode(f[0], stripSuffix(f[1]), Long.parseLong(cpus[0]), Long.parseLong(cpus[1]),
          Long.parseLong(cpus[2]), Long.parseLong(cpus[3]), Long.parseLong(f[3].trim()), gpus(f[4])));
    }
    return out;
  }

  /** sinfo's %T without the one-character flags ({@code mixed-}, {@code idle~}, {@code down*}). */
  static String stripSuffix(String state) {
    String s = state.trim().toLowerCase(Locale.ROOT);
    while (!s.isEmpty() && "*~#!%$@^-+".indexOf(s.charAt(s.length() - 1)) >= 0) s = s.substring(0, s.length() - 1);
    return s;
  }

  /** GPUs in a %G string such as {@code gpu:a100:2} or {@code gpu:2(S:0),gres/x:1}; {@code (null)} is none. */
  static long gpus(String gres) {
    long sum = 0;
    for (String part : gres.split(",")) {
      String p = part.replaceAll("\\(.*\\)", "").trim();
      if (!p.startsWith("gpu")) continue;
      String[] f = p.split(":");
      sum += Long.parseLong(f[f.length - 1]);
    }
    return sum;
  }

  static List<SqueueJob> squeue(String text) {
    List<SqueueJob> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) continue;
      String[] f = line.split("\\|", -1);
      out.add(new SqueueJob(f[0], f[1].toLowerCase(Locale.ROOT), f[2], f[3], f[4], f[5]));
    }
    return out;
  }

  /** A numeric field of {@code sdiag}'s text by its label ({@code Jobs submitted}), first occurrence. */
  static long sdiag(String text, String label) {
    Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(label) + ":\\s+(\\d+)").matcher(text);
    if (!m.find()) throw new AssertionError("sdiag has no '" + label + "'");
    return Long.parseLong(m.group(1));
  }

  /** A field of sdiag's backfill section ({@code Total cycles}). */
  static long sdiagBackfill(String text, String label) {
    return sdiag(text.substring(text.indexOf("Backfilling stats")), label);
  }

  /** RPC counts by message type from sdiag's text. */
  static Map<String, Long> sdiagRpcByType(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    int start = text.indexOf("Remote Procedure Call statistics by message type");
    int end = text.indexOf("Remote Procedure Call statistics by user");
    if (start < 0 || end < 0) return out;
    Matcher m = Pattern.compile("(?m)^\\s+(\\S+)\\s+\\(\\s*\\d+\\)\\s+count:(\\d+)").matcher(text.substring(start, end));
    while (m.find()) out.put(m.group(1), Long.parseLong(m.group(2)));
    return out;
  }

  /** Partition membership from the {@code sinfo -N -o '%N %P ...'} block of a PROVENANCE.md. */
  static Map<String, List<String>> partitionsFromProvenance(String provenance) {
    int start = provenance.indexOf("### sinfo at recording time");
    if (start < 0) throw new AssertionError("PROVENANCE.md has no sinfo block");
    String block = provenance.substring(provenance.indexOf("```", start) + 3);
    block = block.substring(0, block.indexOf("```"));
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : block.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 2 || f[0].equals("NODELIST")) continue;
      out.computeIfAbsent(f[1].replace("*", ""), k -> new ArrayList<>()).add(f[0]);
    }
    return out;
  }
}
