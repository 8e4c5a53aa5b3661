package io.slurmmetrics.exporter;

import io.slurmmetrics.exporter.cluster.Sources;
import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.exporter.config.ConfigResolver;
import io.slurmmetrics.exporter.config.ExporterConfig;
import io.slurmmetrics.exporter.config.Flags;
import io.slurmmetrics.exporter.config.Help;
import io.slurmmetrics.exporter.log.LogSetup;
import io.slurmmetrics.metrics.BuildInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar slurm-metrics-exporter.jar [flags]}. Exit status 0 after {@code --help}/{@code --version} or a
 * clean SIGTERM, 2 for bad flags or config (one line on stderr naming the flag or file, line and key), 1 when the
 * exporter cannot start for another reason (port in use).
 */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  private static final String PROGRAM = "slurm-metrics-exporter";

  private Main() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status >= 0) System.exit(status);
    // status -1: serving; the JVM lives until SIGTERM runs the shutdown hook
  }

  /** Runs the exporter; returns an exit status, or -1 once it is serving. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    ExporterConfig config;
    try {
      Flags flags = Flags.parse(args);
      if (flags.isTrue(Flags.HELP)) {
        out.print(Help.text(BuildInfo.version()));
        return EXIT_OK;
      }
      if (flags.isTrue(Flags.VERSION)) {
        out.println(PROGRAM + " " + BuildInfo.version() + " (java " + Runtime.version() + ")");
        return EXIT_OK;
      }
      config = ConfigResolver.resolve(flags);
    } catch (ConfigException e) {
      err.println(PROGRAM + ": error: " + e.getMessage());
      return EXIT_USAGE;
    }
    LogSetup.standalone(config.logLevel());
    Exporter exporter;
    try {
      exporter = Exporter.start(config, Exporter.Mode.STANDALONE, new Sources());
    } catch (ConfigException e) {
      err.println(PROGRAM + ": error: " + e.getMessage());
      return EXIT_USAGE;
    } catch (IOException e) {
      err.println(PROGRAM + ": error: cannot listen on " + config.listenAddress() + ": " + e.getMessage());
      return EXIT_FAILED;
    } catch (RuntimeException | LinkageError e) {
      err.println(PROGRAM + ": error: cannot start: " + e);
      return EXIT_FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LogSetup.direct(Level.INFO, Main.class.getName(), "shutting down");
      exporter.close();
      stopped.countDown();
    }, "slurm-metrics-shutdown"));
    Thread keeper = new Thread(() -> {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "slurm-metrics-main");
    keeper.start(); // a non-daemon thread keeps the JVM up; every other thread of ours is a daemon
    Logger.getLogger(Main.class.getName()).log(Level.FINE, "serving until SIGTERM");
    return -1;
  }
}
