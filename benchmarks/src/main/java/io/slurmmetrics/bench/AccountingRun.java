package io.slurmmetrics.bench;

import io.slurmmetrics.accounting.AccountingOptions;
import io.slurmmetrics.accounting.AccountingPoller;
import io.slurmmetrics.accounting.AccountingStatus;
import io.slurmmetrics.source.rest.RestSource;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ingests the scenario's 1,000,000 finished jobs (24 hours of slurmdb history) with the default accounting options
 * (1 h query windows, 10 min overlap re-read), from the bench server over REST v0.0.42, in one {@code pollOnce()}:
 * what a poller does after a day without slurmdbd, or on its first start with {@code countFrom} a day back; {@link
 * #RUNS} times, each by a fresh poller. Run in a JVM of its own ({@code -Xmx256m}); then reads the same answers once
 * more with a bare {@code JsonReader.skipValue()} (the floor). Prints {@code figure value} lines for {@link Bench}.
 */
public final class AccountingRun {
  private AccountingRun() {}

  /** Counts the bytes that pass through. */
  private static final class CountingSource extends ForwardingSource {
    long count;

    CountingSource(Source delegate) {
      super(delegate);
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n = super.read(sink, byteCount);
      if (n > 0) count += n;
      return n;
    }
  }

  /**
   * {@code AccountingRun [hours]}: the scenario's day (or a shorter span, for profiling, not for the table), first as
   * the simulator writes it (compact JSON, as slurmrestd sends with {@code SLURMRESTD_JSON=compact}), then the same
   * answers pretty-printed as slurmrestd sends them by default ({@link PrettyAnswers}).
   */
  public static void main(String[] args) throws Exception {
    Duration span = args.length > 0 ? Duration.ofHours(Long.parseLong(args[0])) : Scenario.FINISHED_SPAN;
    OkHttpClient http = Clients.floorClient(Duration.ofMinutes(5));
    try {
      // warm-up, figures not printed: otherwise the first measured ingest also pays for compiling the reader (the
      // JIT's threads count in the process CPU) and the floors and the second ingest run on compiled code. On two
      // cores the compiler lags: one warm-up round left 1.5-3 s of compiling in the measured ingest, so the rounds
      // go on until one compiles little (what compiling remains is printed with the figures)
      for (int round = 1; round <= MAX_WARM_UPS; round++) {
        long jit = Measure.jitMillis();
        run(WARM_UP, "", null, http);
        run(WARM_UP, PrettyAnswers.PREFIX, null, http);
        long compiled = Measure.jitMillis() - jit;
        System.err.printf("warm-up round %d: %d ms compiling%n", round, compiled);
        if (compiled < SETTLED_JIT_MS) break;
      }
      run(span, "", "accounting.", http);
      run(span, PrettyAnswers.PREFIX, "accounting.pretty.", http);
    } finally {
      http.dispatcher().executorService().shutdown();
    }
  }

  /** The slurmdb job queries of the last poll, as the bench server saw them. */
  private static List<String> queries() throws IOException {
    List<String> out = new ArrayList<>();
    for (String q : Clients.get("/bench/accounting-queries").split("\n")) {
      if (!q.isBlank()) out.add(q);
    }
    return out;
  }

  /** What is ingested (and skipped) in each warm-up round before the measured runs. */
  private static final Duration WARM_UP = Duration.ofHours(2);
  private static final int MAX_WARM_UPS = 6;
  /** A warm-up round that compiled less than this (of its ~10 s of CPU) ends the warm-up. */
  private static final long SETTLED_JIT_MS = 200;

  /**
   * Measured ingests per layout: this VM's speed swings by 20-40 % within seconds (a fixed ALU loop alternates between
   * two speeds), so one ingest is a draw; the table shows the median and the range.
   */
  static final int RUNS = 3;

  /** One ingest's figures. */
  private record Ingest(AccountingStatus status, Measure.Result result) {}

  /** One ingest of {@code span} with the default options from the answers under {@code prefix}. */
  private static Ingest ingest(Duration span, String prefix) throws Exception {
    Clock clock = Clock.fixed(Scenario.NOW.plusSeconds(1), ZoneOffset.UTC);
    AccountingOptions options = AccountingOptions.builder()
        .countFrom(Scenario.NOW.minus(span))
        .clock(clock)
        .build();
    Clients.get("/bench/reset");
    try (RestSource source = Clients.source(Clients.url() + prefix, "v0.0.42", true)) {
      AccountingPoller poller = new AccountingPoller(source, "scale", options);
      Measure m = Measure.start();
      AccountingStatus status = poller.pollOnce();
      Measure.Result r = m.stop();
      if (status.lastError().isPresent()) throw new IllegalStateException("poll failed: " + status.lastError().get());
      poller.close();
      return new Ingest(status, r);
    }
  }

  /**
   * {@link #RUNS} ingests (one when warming up) with the default options and their floors, over the answers under
   * {@code prefix}; prints the figures with the prefix {@code figure} (the median run's, with the range), none when
   * it is null.
   */
  private static void run(Duration span, String prefix, String figure, OkHttpClient http) throws Exception {
    List<Ingest> ingests = new ArrayList<>();
    for (int i = 0; i < (figure == null ? 1 : RUNS); i++) {
      ingests.add(ingest(span, prefix));
      System.err.printf("%s ingest %d: %.0f ms CPU%n", figure == null ? "warm-up" : figure, i + 1,
          ingests.get(i).result().cpuMillis());
    }
    if (figure != null) {
      ingests.sort(Comparator.comparingDouble(i -> i.result().cpuMillis()));
      Ingest median = ingests.get(ingests.size() / 2);
      Measure.Result r = median.result();
      Figures.print(figure + "jobs", median.status().jobsCounted());
      Figures.print(figure + "runs", ingests.size());
      Figures.print(figure + "cpu_ms", r.cpuMillis());
      Figures.print(figure + "cpu_min_ms", ingests.get(0).result().cpuMillis());
      Figures.print(figure + "cpu_max_ms", ingests.get(ingests.size() - 1).result().cpuMillis());
      Figures.print(figure + "wall_ms", r.wallMillis());
      Figures.print(figure + "gc_ms", r.gcMillis());
      Figures.print(figure + "jit_ms", r.jitMillis());
      // the memory figures are the highest of the runs: the target is a bound
      Figures.print(figure + "heap_peak_mb", ingests.stream().mapToDouble(i -> i.result().peakHeapMb()).max()
          .orElseThrow());
      Figures.print(figure + "heap_live_mb", ingests.stream().mapToDouble(i -> i.result().peakLiveMb()).max()
          .orElseThrow());
      Figures.print(figure + "tracked_jobs", median.status().trackedJobs());
      Figures.print(figure + "max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
    }
    // the floors: the same answers, each read once by a bare JsonReader.skipValue(), then only drained (the transport)
    Measure floor = Measure.start();
    long bytes = 0;
    for (String query : queries()) {
      Request req = new Request.Builder().url(Clients.url() + query).build();
      try (Response resp = http.newCall(req).execute();
          CountingSource counted = new CountingSource(resp.body().source());
          JsonReader r = JsonReader.of(Okio.buffer(counted))) {
        r.skipValue();
        bytes += counted.count;
      }
    }
    double floorCpu = floor.stop().cpuMillis();
    Measure drain = Measure.start();
    byte[] sink = new byte[1 << 16];
    for (String query : queries()) {
      Request req = new Request.Builder().url(Clients.url() + query).build();
      try (Response resp = http.newCall(req).execute()) {
        okio.BufferedSource body = resp.body().source();
        while (body.read(sink, 0, sink.length) >= 0) {
          // only the bytes' way here: socket, okio, one copy, as the reader's window gets them
        }
      }
    }
    double drainCpu = drain.stop().cpuMillis();
    if (figure == null) return;
    Figures.print(figure + "floor_cpu_ms", floorCpu);
    Figures.print(figure + "drain_cpu_ms", drainCpu);
    Figures.print(figure + "bytes_mb", bytes / 1e6);
  }
}
