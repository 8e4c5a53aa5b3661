package io.slurmmetrics.exporter;

import io.slurmmetrics.exporter.cluster.Sources;
import io.slurmmetrics.exporter.config.AgentArgs;
import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.exporter.config.ConfigFile;
import io.slurmmetrics.exporter.config.ConfigResolver;
import io.slurmmetrics.exporter.config.ExporterConfig;
import io.slurmmetrics.exporter.config.Flags;
import io.slurmmetrics.exporter.log.LogSetup;
import java.lang.instrument.Instrumentation;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code -javaagent:slurm-metrics-exporter.jar=[host:]port:config.yml}. Starts on a daemon thread so the host's
 * {@code main} is not delayed, never calls {@code System.exit}, and on any problem logs one line and stays off while
 * the host runs on. Its libraries (client_java included) are relocated inside the jar, so the host's own copies and
 * its {@code PrometheusRegistry.defaultRegistry} are never touched.
 */
public final class Agent {
  private static final Logger LOG = Logger.getLogger(Agent.class.getName());
  private static volatile Exporter running;

  private Agent() {}

  public static void premain(String args, Instrumentation instrumentation) {
    launch(args);
  }

  public static void agentmain(String args, Instrumentation instrumentation) {
    launch(args);
  }

  static Thread launch(String args) {
    Thread t = new Thread(() -> startQuietly(args), "slurm-metrics-agent");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Never throws: the host application must not notice a broken agent config beyond one log line. */
  static Optional<Exporter> startQuietly(String args) {
    LogSetup.agent(Level.INFO);
    try {
      AgentArgs parsed = AgentArgs.parse(args);
      ConfigFile file = ConfigFile.load(parsed.configFile());
      ExporterConfig config = ConfigResolver.resolve(Flags.parse("--" + Flags.LISTEN_ADDRESS + "="
          + parsed.listenAddress()), Optional.of(file));
      LogSetup.agent(config.logLevel());
      Exporter exporter = Exporter.start(config, Exporter.Mode.AGENT, new Sources());
      running = exporter;
      Runtime.getRuntime().addShutdownHook(new Thread(exporter::close, "slurm-metrics-agent-shutdown"));
      return Optional.of(exporter);
    } catch (ConfigException e) {
      LOG.severe("slurm-metrics agent disabled, the application runs on without it: " + e.getMessage());
    } catch (Exception | LinkageError e) {
      LOG.severe("slurm-metrics agent disabled, the application runs on without it: cannot start: " + e);
    }
    return Optional.empty();
  }

  /** The running agent's exporter, if it started (for tests and diagnostics). */
  static Optional<Exporter> running() {
    return Optional.ofNullable(running);
  }
}
