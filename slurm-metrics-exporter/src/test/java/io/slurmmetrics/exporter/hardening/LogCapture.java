package io.slurmmetrics.exporter.hardening;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every java.util.logging record of the {@code io.slurmmetrics} loggers while installed (core logs through JUL). */
final class LogCapture extends Handler implements AutoCloseable {
  /** Held strongly: JUL keeps loggers weakly. */
  private final Logger ours = Logger.getLogger("io.slurmmetrics");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Level previous;

  LogCapture() {
    previous = ours.getLevel();
    ours.setLevel(Level.ALL);
    setLevel(Level.ALL);
    ours.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Warnings and errors whose message contains {@code text}. */
  List<LogRecord> warnings(String text) {
    return atLeast(Level.WARNING, text);
  }

  /** Records at {@code level} or above whose message contains {@code text}. */
  List<LogRecord> atLeast(Level level, String text) {
    return records.stream()
        .filter(r -> r.getLevel().intValue() >= level.intValue())
        .filter(r -> r.getMessage() != null && r.getMessage().contains(text))
        .toList();
  }

  /** Each record as the operator would read it: message and, if any, the throwable with its causes. */
  String allText() {
    StringBuilder b = new StringBuilder();
    for (LogRecord r : records) {
      b.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ").append(r.getMessage()).append('\n');
      for (Throwable t = r.getThrown(); t != null; t = t.getCause()) b.append("  caused by ").append(t).append('\n');
    }
    return b.toString();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    ours.removeHandler(this);
    ours.setLevel(previous);
  }
}
