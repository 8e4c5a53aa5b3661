package io.slurmmetrics.json;

import java.util.Objects;

/**
 * One entry of a response's {@code errors[]} or {@code warnings[]}.
 *
 * @param errno       Slurm's error number ({@code 7000} slurmdbd down, {@code 1007} auth), 0 when absent
 * @param error       Slurm's text for the errno ({@code Unable to connect to database})
 * @param description what the daemon adds, often empty
 * @param source      where it arose ({@code slurmdb_jobs_get}), often empty
 */
public record SlurmMessage(int errno, String error, String description, String source) {
  public SlurmMessage {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
  }

  /** {@code errno 7000 "Unable to connect to database": <description>} on one line. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    if (errno != 0) b.append("errno ").append(errno).append(' ');
    if (!error.isEmpty()) b.append('"').append(oneLine(error)).append('"');
    if (!description.isEmpty() && !description.equals(error)) {
      if (b.length() > 0) b.append(": ");
      b.append(oneLine(description));
    }
    return b.length() == 0 ? "(no details)" : b.toString().trim();
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }
}
