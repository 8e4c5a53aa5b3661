package io.slurmmetrics.bench;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.snapshot.ClusterSnapshot;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.rest.RestSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One refresh of the scale cluster against the loopback bench server, next to its floor.
 * <ul>
 *   <li>{@link #refresh}: what a refresh does with the default collectors: fetch every endpoint over HTTP, decode,
 *       render the families (the snapshot listener runs on the refresh thread before the future completes);</li>
 *   <li>{@link #floor}: the same requests with a bare Moshi {@code JsonReader.skipValue()} over each body, nothing
 *       decoded: the cost of reading the bytes once;</li>
 *   <li>{@link #unchanged}: a refresh after the first, with {@code update_time}: the bench server answers that nothing
 *       changed (304, or the recorded "No job changes" answer).</li>
 * </ul>
 * Single shots under {@code -Xmx256m}; CPU, GC and peak heap come from {@link CpuProfiler}. Each benchmark has a
 * state of its own, so that a JVM holds only what that benchmark needs: a refresh runs next to the one snapshot it
 * replaces (as in the exporter), not next to the unchanged benchmark's snapshot too.
 *
 * <p>{@code -Dbench.refresh.collectors=no-node} runs the refresh without the per-node group (what the default is
 * above 5,000 nodes once that switch exists), to measure what remains.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
@State(Scope.Benchmark)
public class RefreshBenchmark {
  @Param({"v0.0.42", "v0.0.44"})
  public String api;

  /** The default collectors against a source that always reads full lists. */
  @State(Scope.Benchmark)
  public static class Full {
    RestSource source;
    SlurmMetrics metrics;

    @Setup(Level.Trial)
    public void setUp(RefreshBenchmark b) {
      source = Clients.source(b.api, false);
      metrics = configured(source).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      metrics.close();
      source.close();
    }
  }

  /** The default collectors with {@code update_time}: every refresh after the first is answered "unchanged". */
  @State(Scope.Benchmark)
  public static class Incremental {
    RestSource source;
    SlurmMetrics metrics;
    Object firstNodes;
    Object firstJobs;

    @Setup(Level.Trial)
    public void setUp(RefreshBenchmark b) {
      source = Clients.source(b.api, true);
      metrics = configured(source).build();
      ClusterSnapshot first = metrics.collector().refresher().refresh().join(); // later ones answer "unchanged"
      firstNodes = first.nodes().orElseThrow();
      firstJobs = first.jobs().orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      metrics.close();
      source.close();
    }
  }

  /** A plain OkHttp client and exactly the paths a refresh asks for: the endpoints of the default collectors. */
  @State(Scope.Benchmark)
  public static class Floor {
    OkHttpClient http;
    List<String> paths;

    @Setup(Level.Trial)
    public void setUp(RefreshBenchmark b) {
      http = Clients.floorClient(Duration.ofMinutes(2));
      paths = new ArrayList<>();
      try (RestSource source = Clients.source(b.api, false); SlurmMetrics m = configured(source).build()) {
        for (Endpoint e : m.collector().refresher().endpoints()) {
          switch (e) {
            case DATABASE -> paths.add("/slurmdb/" + b.api + "/diag");
            case ACCOUNTING_JOBS -> { }
            default -> paths.add("/slurm/" + b.api + "/" + e.label());
          }
        }
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static SlurmMetrics.Builder configured(RestSource source) {
    SlurmMetrics.Builder b = Clients.metrics(source, Duration.ofHours(1));
    if ("no-node".equals(System.getProperty("bench.refresh.collectors"))) b.disable(CollectorGroup.NODE);
    return b;
  }

  @Benchmark
  public ClusterSnapshot refresh(Full f) {
    ClusterSnapshot s = f.metrics.collector().refresher().refresh().join();
    if (!s.allUp()) throw new IllegalStateException("refresh failed: " + s.results());
    return s;
  }

  /**
   * Fails unless the node and job lists are the very instances of the first (full) refresh: nothing was decoded for
   * them. The CPU left is the small endpoints (ping, diag, shares, licenses, database) and rendering the families.
   */
  @Benchmark
  public ClusterSnapshot unchanged(Incremental inc) {
    ClusterSnapshot s = inc.metrics.collector().refresher().refresh().join();
    if (!s.allUp()) throw new IllegalStateException("refresh failed: " + s.results());
    if (s.nodes().orElseThrow() != inc.firstNodes || s.jobs().orElseThrow() != inc.firstJobs) {
      throw new IllegalStateException("an unchanged refresh decoded the node or job list again");
    }
    return s;
  }

  @Benchmark
  public int floor(Floor f) throws IOException {
    int n = 0;
    for (String path : f.paths) {
      Request req = new Request.Builder().url(Clients.url() + path).header("Accept", "application/json").build();
      try (Response resp = f.http.newCall(req).execute(); JsonReader r = JsonReader.of(resp.body().source())) {
        r.skipValue();
        n++;
      }
    }
    return n;
  }
}
