package io.slurmmetrics.bench;

import com.squareup.moshi.JsonReader;
import io.slurmmetrics.SlurmMetrics;
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
 * Single shots under {@code -Xmx256m}; CPU, GC and peak heap come from {@link CpuProfiler}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
@State(Scope.Benchmark)
public class RefreshBenchmark {
  @Param({"v0.0.42", "v0.0.44"})
  public String api;

  private RestSource fullSource;
  private SlurmMetrics full;
  private RestSource incrementalSource;
  private SlurmMetrics incremental;
  private Object firstNodes;
  private Object firstJobs;
  private OkHttpClient http;
  private List<String> paths;

  @Setup(Level.Trial)
  public void setUp() {
    fullSource = Clients.source(api, false);
    full = Clients.metrics(fullSource, Duration.ofHours(1)).build();
    incrementalSource = Clients.source(api, true);
    incremental = Clients.metrics(incrementalSource, Duration.ofHours(1)).build();
    ClusterSnapshot first = incremental.collector().refresher().refresh().join(); // later ones answer "unchanged"
    firstNodes = first.nodes().orElseThrow();
    firstJobs = first.jobs().orElseThrow();
    http = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(2)).build();
    // exactly what a refresh asks for: the endpoints of the default collectors
    paths = new ArrayList<>();
    for (Endpoint e : full.collector().refresher().endpoints()) {
      switch (e) {
        case DATABASE -> paths.add("/slurmdb/" + api + "/diag");
        case ACCOUNTING_JOBS -> { }
        default -> paths.add("/slurm/" + api + "/" + e.label());
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    full.close();
    incremental.close();
    fullSource.close();
    incrementalSource.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Benchmark
  public ClusterSnapshot refresh() {
    ClusterSnapshot s = full.collector().refresher().refresh().join();
    if (!s.allUp()) throw new IllegalStateException("refresh failed: " + s.results());
    return s;
  }

  /**
   * Fails unless the node and job lists are the very instances of the first (full) refresh: nothing was decoded for
   * them. The CPU left is the small endpoints (ping, diag, shares, licenses, database) and rendering the families.
   */
  @Benchmark
  public ClusterSnapshot unchanged() {
    ClusterSnapshot s = incremental.collector().refresher().refresh().join();
    if (!s.allUp()) throw new IllegalStateException("refresh failed: " + s.results());
    if (s.nodes().orElseThrow() != firstNodes || s.jobs().orElseThrow() != firstJobs) {
      throw new IllegalStateException("an unchanged refresh decoded the node or job list again");
    }
    return s;
  }

  @Benchmark
  public int floor() throws IOException {
    int n = 0;
    for (String path : paths) {
      Request req = new Request.Builder().url(Clients.url() + path).header("Accept", "application/json").build();
      try (Response resp = http.newCall(req).execute(); JsonReader r = JsonReader.of(resp.body().source())) {
        r.skipValue();
        n++;
      }
    }
    return n;
  }
}
