package io.slurmmetrics.accounting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code sacct -P} output, run through the lab's CLI wrapper and read as text: the independent side of the lab tests.
 * Times are the local time of the cluster, which in the lab is this host's zone.
 */
final class SacctRows {
  static final String FIELDS = "JobIDRaw,JobName,State,Start,End,AllocCPUS,Elapsed,TotalCPU,Submit,Eligible";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  record Row(String jobId, String name, String state, Optional<Instant> start, Optional<Instant> end,
      long allocCpus, long elapsedSeconds, double totalCpuSeconds, Optional<Instant> submit,
      Optional<Instant> eligible) {

    /** Same rule as the one documented for the wait-time histogram, applied to sacct's columns. */
    boolean started() {
      return start.isPresent() && (allocCpus > 0 || elapsedSeconds > 0);
    }
  }

  private SacctRows() {}

  static String local(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneId.systemDefault()).withNano(0).format(ISO);
  }

  /** {@code sacct ARGS -P -n -o FIELDS}: every row. */
  static List<Row> run(Path sacct, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(sacct.toString());
    cmd.addAll(args);
    cmd.addAll(List.of("-P", "-n", "-o", FIELDS));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("sacct did not finish within 60 s: " + cmd);
    }
    if (p.exitValue() != 0) throw new IOException("sacct exited " + p.exitValue() + ": " + out);
    List<Row> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) continue;
      String[] f = line.split("\\|", -1);
      if (f.length != 10) throw new IOException("unexpected sacct line: " + line);
      rows.add(new Row(f[0], f[1], f[2].split(" ")[0], time(f[3]), time(f[4]), Long.parseLong(f[5]),
          Math.round(duration(f[6])), duration(f[7]), time(f[8]), time(f[9])));
    }
    return rows;
  }

  private static Optional<Instant> time(String s) {
    if (s.isEmpty() || s.equals("Unknown") || s.equals("None")) return Optional.empty();
    return Optional.of(LocalDateTime.parse(s, ISO).atZone(ZoneId.systemDefault()).toInstant());
  }

  /** {@code [D-][HH:]MM:SS[.mmm]} in seconds. */
  static double duration(String s) {
    if (s.isEmpty() || s.equals("INVALID")) return 0;
    double days = 0;
    int dash = s.indexOf('-');
    if (dash >= 0) {
      days = Double.parseDouble(s.substring(0, dash));
      s = s.substring(dash + 1);
    }
    String[] parts = s.split(":");
    double seconds = 0;
    for (String part : parts) seconds = seconds * 60 + Double.parseDouble(part);
    return days * 86400 + seconds;
  }
}
