package io.slurmmetrics.exporter.log;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record in the logfmt style of Prometheus exporters:
 * {@code ts=2026-11-26T06:40:00.123Z level=warn logger=SnapshotRefresher msg="..."}. A throwable adds
 * {@code err="..."}; its stack trace only at debug level, so a failing Slurm never floods the log.
 */
public final class OneLineFormatter extends Formatter {
  private final boolean stackTraces;

  public OneLineFormatter(boolean stackTraces) {
    this.stackTraces = stackTraces;
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder b = new StringBuilder(160);
    b.append("ts=").append(Instant.ofEpochMilli(r.getMillis())).append(" level=").append(level(r.getLevel()));
    String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
    b.append(" logger=").append(logger.substring(logger.lastIndexOf('.') + 1));
    b.append(" msg=");
    quote(b, formatMessage(r));
    Throwable t = r.getThrown();
    if (t != null) {
      b.append(" err=");
      quote(b, t.toString());
    }
    b.append('\n');
    if (t != null && stackTraces) {
      for (StackTraceElement e : t.getStackTrace()) b.append("\tat ").append(e).append('\n');
    }
    return b.toString();
  }

  static String level(Level l) {
    int v = l.intValue();
    if (v >= Level.SEVERE.intValue()) return "error";
    if (v >= Level.WARNING.intValue()) return "warn";
    if (v >= Level.INFO.intValue()) return "info";
    return "debug";
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    b.append('"');
  }
}
