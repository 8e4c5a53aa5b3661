package io.slurmmetrics.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the issue-9 scenario and prints one table: figure, value, target, pass/fail, and the machine it ran on. Starts
 * the bench server ({@link BenchServer}, its own JVM), runs the JMH benchmarks ({@link RefreshBenchmark},
 * {@link ScrapeBenchmark}) with {@link CpuProfiler}, then {@link AccountingRun}, {@link UpstreamRun} and
 * {@link SeriesRun} in JVMs of their own with {@code -Xmx256m}.
 *
 * <p>Usage: {@code Bench <data dir> [--quick]}; {@code --quick} runs one fork with fewer iterations (a smoke run, not
 * the figures to publish). Exits 1 when a target is missed, 2 when the bench itself failed.
 */
public final class Bench {
  static final String HEAP = "-Xmx256m";
  /** -Xmx256m in the MB (10^6 bytes) the table prints. */
  static final double MAX_HEAP_MB = 256 * 1.048576;

  private final Path dataDir;
  private final boolean quick;
  private final Map<String, Double> figures = new TreeMap<>();
  private final List<Row> rows = new ArrayList<>();

  private record Row(String figure, String value, String target, String verdict) {}

  private Bench(Path dataDir, boolean quick) {
    this.dataDir = dataDir;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) throw new IllegalArgumentException("usage: Bench <data dir> [--quick]");
    Bench b = new Bench(Path.of(args[0]), args.length > 1 && args[1].equals("--quick"));
    int code = b.run();
    System.exit(code);
  }

  private int run() throws Exception {
    Files.createDirectories(dataDir);
    Path urlFile = dataDir.resolve("url");
    Files.deleteIfExists(urlFile);
    Process server = java("-Xmx3g", BenchServer.class, dataDir.toString(), urlFile.toString())
        .redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile()).start();
    try {
      String url = awaitUrl(server, urlFile);
      System.err.println("bench: server at " + url + "; running the benchmarks (see " + dataDir + ")");
      jmh(url);
      for (Class<?> run : List.of(AccountingRun.class, UpstreamRun.class, SeriesRun.class)) {
        try {
          // the upstream run serves full scrapes like ScrapeBenchmark, with its heap (see there)
          child(url, run, run == UpstreamRun.class ? "-Xmx1g" : HEAP);
        } catch (IllegalStateException e) {
          System.err.println("bench: " + e.getMessage()); // its figures stay missing: FAIL rows
        }
      }
    } finally {
      server.destroy();
      server.waitFor();
    }
    return table();
  }

  // ------------------------------------------------------------------------------------------------------ runs

  private void jmh(String url) throws IOException {
    // refresh and floor under the target's -Xmx256m; scrapes with 1 GB (they do not fit in 256 MB at this scale)
    run(url, RefreshBenchmark.class, HEAP);
    run(url, ScrapeBenchmark.class, "-Xmx1g");
    run(url, DecodeBenchmark.class, "-Xmx1g");
    for (String layout : List.of("compact", "pretty")) {
      // this JVM is not forked by JMH: the server's URL is a parameter here, not a system property
      figures.put("decode." + layout + ".mb", Clients.size(url + DecodeBenchmark.path(layout)) / 1e6);
    }
  }

  /** One JMH benchmark class; if JMH itself fails, its figures stay missing (FAIL rows) and the bench goes on. */
  private void run(String url, Class<?> benchmark, String heap) {
    try {
      runJmh(url, benchmark, heap);
    } catch (RunnerException | RuntimeException e) {
      System.err.println("bench: " + benchmark.getSimpleName() + " failed: " + e);
    }
  }

  private void runJmh(String url, Class<?> benchmark, String heap) throws RunnerException {
    ChainedOptionsBuilder o = new OptionsBuilder()
        .include(benchmark.getName())
        // options replace the annotations' jvmArgsAppend, so the heap is set per benchmark in run() below
        .jvmArgsAppend(heap, "-D" + Clients.URL_PROPERTY + "=" + url)
        .addProfiler(CpuProfiler.class)
        .shouldFailOnError(false); // a benchmark that dies (OutOfMemoryError) leaves its figures missing: FAIL rows
    if (quick) {
      o.forks(1).warmupIterations(1).measurementIterations(2)
          .warmupTime(TimeValue.seconds(3)).measurementTime(TimeValue.seconds(5));
    }
    Collection<RunResult> results = new Runner(o.build()).run();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String method = bench.substring(bench.lastIndexOf('.') + 1);
      String api = r.getParams().getParam("api");
      String collectors = r.getParams().getParam("collectors");
      String layout = r.getParams().getParam("layout");
      String key = method + (api != null ? "." + api : "") + (collectors != null ? "." + collectors : "")
          + (layout != null ? "." + layout : "");
      Result<?> primary = r.getPrimaryResult();
      figures.put(key + ".ms", primary.getScore());
      if (method.equals("scrape")) {
        figures.put(key + ".p50", primary.getStatistics().getPercentile(50));
        figures.put(key + ".p99", primary.getStatistics().getPercentile(99));
        figures.put(key + ".max", primary.getStatistics().getMax());
        figures.put(key + ".count", (double) primary.getStatistics().getN());
      }
      for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
        figures.put(key + "." + e.getKey(), e.getValue().getScore());
      }
    }
  }

  private void child(String url, Class<?> main, String heap) throws IOException, InterruptedException {
    Process p = java(heap, main, "-D" + Clients.URL_PROPERTY + "=" + url).redirectErrorStream(true).start();
    List<String> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith(Figures.PREFIX)) {
          String[] f = line.substring(Figures.PREFIX.length()).split(" ");
          figures.put(f[0], Double.parseDouble(f[1]));
        } else {
          out.add(line);
        }
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException(main.getSimpleName() + " failed:\n" + String.join("\n", out));
    }
  }

  /** {@code java <heap> [-Dprops] -cp <this classpath> main args}; system properties go before the class. */
  private static ProcessBuilder java(String heap, Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(heap);
    List<String> rest = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("-D")) cmd.add(a);
      else rest.add(a);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(rest);
    return new ProcessBuilder(cmd);
  }

  private static String awaitUrl(Process server, Path urlFile) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (!Files.exists(urlFile)) {
      if (!server.isAlive()) throw new IllegalStateException("bench server exited with " + server.exitValue());
      if (System.nanoTime() > deadline) throw new IllegalStateException("bench server did not start in 15 minutes");
      Thread.sleep(200); // polling for the server's URL file, with a deadline
    }
    return Files.readString(urlFile).trim();
  }

  // ----------------------------------------------------------------------------------------------------- table

  /** A figure; NaN (printed as such, and failing its target) when its run died. */
  private double f(String key) {
    Double v = figures.get(key);
    return v == null ? Double.NaN : v;
  }

  private void row(String figure, String value, String target, Boolean pass) {
    rows.add(new Row(figure, value, target, pass == null ? "info" : pass ? "PASS" : "FAIL"));
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private int table() {
    for (String api : BenchServer.VERSIONS) {
      double cpu = f("refresh." + api + ".cpu.ms/op");
      double floor = f("floor." + api + ".cpu.ms/op");
      row("refresh CPU, " + api + " (fetch+decode+aggregate)", fmt("%.0f ms", cpu), "-", null);
      row("floor CPU, " + api + " (same requests, JsonReader.skipValue)", fmt("%.0f ms", floor), "-", null);
      row("refresh / floor, " + api, fmt("%.2fx", cpu / floor), "<= 1.5x", cpu / floor <= 1.5);
      double peak = f("refresh." + api + ".heap.peak.mb");
      row("refresh heap peak / live after GC, " + api, fmt("%.0f MB / %.0f MB", peak,
          f("refresh." + api + ".heap.live.mb")), "within -Xmx256m, no OOM", peak <= MAX_HEAP_MB);
      row("refresh GC time, " + api, fmt("%.0f ms/refresh (%.1f GCs)", f("refresh." + api + ".gc.ms/op"),
          f("refresh." + api + ".gc.count/op")), "reported", null);
      double unchanged = f("unchanged." + api + ".cpu.ms/op");
      // the benchmark fails unless the node and job lists are the first refresh's instances (nothing decoded)
      row("unchanged refresh, " + api + " (update_time: 304 / \"No job changes\")", fmt("lists reused; %.0f ms CPU "
          + "(%.0f%% of full)", unchanged, 100 * unchanged / cpu), "no decode", true);
    }
    // default: the shipped configuration (per-node group off above 5,000 nodes); node: forced on (80,000 more samples)
    for (String c : new String[] {"default", "no-node", "node"}) {
      String k = "scrape." + c;
      double p99 = f(k + ".p99");
      row("scrape p50 / p99 / max, 20 concurrent, gzip, collectors " + c, fmt("%.1f / %.1f / %.1f ms (%.0f scrapes)",
          f(k + ".p50"), p99, f(k + ".max"), f(k + ".count")), "p99 < 50 ms", c.equals("default") ? p99 < 50 : null);
      row("scrape heap live after GC / peak (run with -Xmx1g), collectors " + c, fmt("%.0f MB / %.0f MB",
          f(k + ".heap.live.mb"), f(k + ".heap.peak.mb")), "reported", null);
    }
    double maxUp = f("upstream.max_requests_per_endpoint_per_refresh");
    double minUp = f("upstream.min_requests_per_endpoint_per_refresh");
    row("upstream requests per endpoint per refresh, 50 scrapers", fmt("%.2f..%.2f (%.0f refreshes)", minUp, maxUp,
        f("upstream.refreshes")), "exactly 1", maxUp == 1.0 && minUp == 1.0);
    row("  scrapes answered / failed during that run", fmt("%.0f / %.0f", f("upstream.scrapes"),
        f("upstream.failed_scrapes")), "-", null);
    // the same jobs as slurmrestd sends them by default (pretty) and with SLURMRESTD_JSON=compact (AccountingRun)
    for (String[] v : List.of(new String[] {"accounting.pretty.", "pretty JSON (slurmrestd default)"},
        new String[] {"accounting.", "compact JSON (SLURMRESTD_JSON=compact)"})) {
      String k = v[0];
      double acc = f(k + "cpu_ms") / 1000;
      double floorCpu = f(k + "floor_cpu_ms") / 1000;
      row("accounting ingest of " + fmt("%,.0f", f(k + "jobs")) + " finished jobs, " + v[1] + ", CPU",
          fmt("%.1f s, median of %.0f (%.1f-%.1f s; wall %.1f s, GC %.1f s, JIT %.1f s)", acc, f(k + "runs"),
              f(k + "cpu_min_ms") / 1000, f(k + "cpu_max_ms") / 1000, f(k + "wall_ms") / 1000,
              f(k + "gc_ms") / 1000, f(k + "jit_ms") / 1000), "< 10 s",
          acc < 10);
      row("accounting floor, " + v[1] + ": the same " + fmt("%,.0f MB", f(k + "bytes_mb"))
          + " read by JsonReader.skipValue", fmt("%.1f s CPU (ingest / floor %.2fx)", floorCpu, acc / floorCpu), "-",
          null);
      row("accounting transport, " + v[1] + ": the same bytes only received (HTTP, okio)",
          fmt("%.1f s CPU", f(k + "drain_cpu_ms") / 1000), "-", null);
      row("accounting heap peak / live after GC, " + v[1], fmt("%.0f MB / %.0f MB", f(k + "heap_peak_mb"),
          f(k + "heap_live_mb")), "bounded (-Xmx256m)", f(k + "heap_peak_mb") <= MAX_HEAP_MB);
    }
    for (String layout : List.of("compact", "pretty")) {
      double mb = f("decode." + layout + ".mb");
      double ingest = f("ingest." + layout + ".ms");
      double skip = f("skipValue." + layout + ".ms");
      row("accounting reader alone, one hour from memory, " + layout + " (" + fmt("%,.0f MB", mb) + ")",
          fmt("%.0f ms (%.0f MB/s); skipValue %.0f ms (%.0f MB/s)", ingest, mb / ingest * 1000, skip,
              mb / skip * 1000), "-", null);
    }
    row("accounting dedup state (tracked jobs)", fmt("%,.0f", f("accounting.tracked_jobs")), "bounded by the overlap",
        null);
    double series = f("series.default");
    row("samples per scrape, default collectors", fmt("%,.0f", series), "< 50,000", series < 50_000);
    Map<String, Double> families = new LinkedHashMap<>();
    Map<String, Double> switches = new LinkedHashMap<>();
    figures.forEach((k, v) -> {
      if (k.startsWith("series.family.")) families.put(k.substring("series.family.".length()), v);
      if (k.startsWith("series.switch.")) switches.put(k.substring("series.switch.".length()), v);
    });
    families.entrySet().stream().filter(e -> e.getValue() >= 100)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .forEach(e -> row("  samples of " + e.getKey(), fmt("%,.0f", e.getValue()), "-", null));
    row("  samples of the other " + families.values().stream().filter(v -> v < 100).count() + " families",
        fmt("%,.0f", families.values().stream().filter(v -> v < 100).mapToDouble(Double::doubleValue).sum()), "-", null);
    switches.forEach((k, v) -> row("  switch " + k.replace("on.", "--collector.").replace("off.", "--no-collector."),
        fmt("%+,.0f samples", v), "-", null));

    Runtime rt = Runtime.getRuntime();
    System.out.println();
    System.out.println(fmt("slurm-metrics bench: %d nodes (%d with GPUs), %d jobs, %,d finished jobs; %s",
        Scenario.CPU_NODES + Scenario.GPU_NODES, Scenario.GPU_NODES, Scenario.QUEUE, Scenario.FINISHED,
        quick ? "QUICK run (1 fork, short iterations): not for publishing" : "full run"));
    System.out.println(fmt("machine: %d cores, %.1f GB RAM, %s %s (%s), %s %s", rt.availableProcessors(),
        totalMemoryGb(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
        System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.arch")));
    int w1 = rows.stream().mapToInt(r -> r.figure().length()).max().orElse(10);
    int w2 = rows.stream().mapToInt(r -> r.value().length()).max().orElse(10);
    int w3 = rows.stream().mapToInt(r -> r.target().length()).max().orElse(10);
    String line = "| %-" + w1 + "s | %-" + w2 + "s | %-" + w3 + "s | %-4s |";
    System.out.println(fmt(line, "figure", "value", "target", "pass"));
    System.out.println("|" + "-".repeat(w1 + 2) + "|" + "-".repeat(w2 + 2) + "|" + "-".repeat(w3 + 2) + "|------|");
    boolean ok = true;
    for (Row r : rows) {
      System.out.println(fmt(line, r.figure(), r.value(), r.target(), r.verdict()));
      if (r.verdict().equals("FAIL")) ok = false;
    }
    return ok ? 0 : 1;
  }

  private static double totalMemoryGb() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getTotalMemorySize() / 1e9;
    return Double.NaN;
  }
}
