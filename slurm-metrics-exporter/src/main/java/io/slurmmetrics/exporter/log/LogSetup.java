package io.slurmmetrics.exporter.log;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * java.util.logging for the exporter. Standalone, the process is ours: the root logger writes one-line records to
 * stderr. As an agent, the host owns logging: only our own {@code io.slurmmetrics} logger gets a handler, and the
 * host's configuration is left alone.
 */
public final class LogSetup {
  /** Held strongly: JUL keeps loggers weakly, and a collected logger would lose its level and handler. */
  private static final Logger OURS = Logger.getLogger("io.slurmmetrics");

  private LogSetup() {}

  public static void standalone(Level level) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) root.removeHandler(h);
    root.addHandler(handler(level));
    // third-party libraries (mockwebserver logs every request at info) speak up at warn, or at debug when asked
    root.setLevel(level.intValue() < Level.INFO.intValue() || level.intValue() > Level.WARNING.intValue()
        ? level : Level.WARNING);
    OURS.setLevel(level);
  }

  public static void agent(Level level) {
    for (Handler h : OURS.getHandlers()) OURS.removeHandler(h);
    OURS.addHandler(handler(level));
    OURS.setUseParentHandlers(false);
    OURS.setLevel(level);
  }

  /**
   * Writes one record straight to stderr. For shutdown hooks: the JDK resets the logging handlers in its own
   * shutdown hook, so a record logged the usual way while the JVM stops may be lost.
   */
  public static void direct(Level level, String logger, String message) {
    java.util.logging.LogRecord r = new java.util.logging.LogRecord(level, message);
    r.setLoggerName(logger);
    System.err.print(new OneLineFormatter(false).format(r));
    System.err.flush();
  }

  private static Handler handler(Level level) {
    ConsoleHandler h = new ConsoleHandler();
    h.setLevel(level);
    h.setFormatter(new OneLineFormatter(level.intValue() < Level.INFO.intValue()));
    return h;
  }
}
