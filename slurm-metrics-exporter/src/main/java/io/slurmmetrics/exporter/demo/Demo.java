package io.slurmmetrics.exporter.demo;

import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code --demo}: a simulated cluster ({@link ClusterSimulator}) behind a fake slurmrestd on loopback, read over HTTP
 * by the ordinary REST source, so every family moves as on a real cluster.
 */
public final class Demo implements Closeable {
  /** Fixed so that two demo runs tell the same story. */
  public static final long SEED = 9341;

  private final ClusterSimulator simulator;
  private final FakeSlurmrestd rest;

  private Demo(ClusterSimulator simulator, FakeSlurmrestd rest) {
    this.simulator = simulator;
    this.rest = rest;
  }

  public static Demo start(String clusterName) {
    ClusterSimulator sim = ClusterSimulator.builder()
        .seed(SEED)
        .clusterName(clusterName)
        .clock(Clock.systemUTC())
        // a short slurmdbd outage early and then every ten minutes: the demo shows failures as values too
        .slurmdbdOutages(Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofSeconds(12))
        .build();
    FakeSlurmrestd rest = FakeSlurmrestd.builder().responder(sim.responder()).start();
    return new Demo(sim, rest);
  }

  /** The fake slurmrestd's base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    String u = rest.url();
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  public ClusterSimulator simulator() {
    return simulator;
  }

  @Override
  public void close() {
    rest.close();
  }
}
