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

  private static Handler handler(Level level) {
    ConsoleHandler h = new ConsoleHandler();
    h.setLevel(level);
    h.setFormatter(new OneLineFormatter(level.intValue() < Level.INFO.intValue()));
    return h;
  }
}
