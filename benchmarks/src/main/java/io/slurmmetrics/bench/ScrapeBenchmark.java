package io.slurmmetrics.bench;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.source.rest.RestSource;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A scrape of {@code /metrics} from a current snapshot of the scale cluster (REST v0.0.44), by 20 concurrent scrapers
 * over loopback HTTP through the exporter's own server and handler ({@code ExporterServer}: 4 threads, Nagle off, the
 * Slurm families encoded once per snapshot), so the figure is what users get. The snapshot is taken once in the setup
 * (refresh interval one hour), so every scrape measures serving, not fetching.
 *
 * <p>System properties (pass them with JMH's {@code -jvmArgsAppend}): {@code -Dbench.scrape.handler=client_java}
 * serves with client_java's handler alone, every family encoded per scrape (the figure before the exporter's cache);
 * {@code -Dbench.scrape.gzip=false} reads plain text. By default a scrape asks for gzip, as Prometheus always does
 * (until commit 3faa06f the table was taken with plain text: ~10x the bytes on the wire at this size).
 * Latency percentiles come from JMH's sample mode; the scrapers share the 2 cores with the server. Runs with
 * {@code -Xmx1g}: with the default collectors at this scale, 4 concurrent scrapes next to the snapshot do not fit in
 * 256 MB (OutOfMemoryError in the HTTP threads; see docs/performance.md); the heap peak is reported.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
@Threads(20)
@State(Scope.Benchmark)
public class ScrapeBenchmark {
  /**
   * {@code default}: the shipped collectors (at 10,000 nodes the per-node group is off by default); {@code no-node}:
   * the per-node group switched off; {@code node}: the per-node group forced on (80,000 more samples), the heavy
   * case.
   */
  @Param({"default", "no-node", "node"})
  public String collectors;

  private RestSource source;
  private SlurmMetrics metrics;
  private Scrapes.Server server;
  private URI uri;
  private boolean gzip;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    source = Clients.source("v0.0.44", true);
    SlurmMetrics.Builder b = Clients.metrics(source, Duration.ofHours(1));
    if (collectors.equals("no-node")) b.disable(CollectorGroup.NODE);
    if (collectors.equals("node")) b.enable(CollectorGroup.NODE);
    metrics = b.build();
    metrics.collector().refresher().refresh().join();
    PrometheusRegistry registry = new PrometheusRegistry();
    metrics.register(registry);
    server = System.getProperty("bench.scrape.handler", "exporter").equals("client_java")
        ? Scrapes.clientJava(registry) : Scrapes.exporter(registry, metrics.collector());
    uri = server.uri();
    gzip = !System.getProperty("bench.scrape.gzip", "true").equals("false");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
    metrics.close();
    source.close();
  }

  /** One scrape, the whole body read; returns its size so nothing is optimised away. */
  @Benchmark
  public long scrape() throws IOException {
    return Scrapes.scrape(uri, gzip);
  }
}
