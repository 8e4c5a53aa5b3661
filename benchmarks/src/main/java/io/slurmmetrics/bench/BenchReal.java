package io.slurmmetrics.bench;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.snapshot.ClusterSnapshot;
import io.slurmmetrics.source.rest.RestSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code scripts/bench --real}: one real Slurm 26.05 cluster (brought up by {@code scripts/slurm-lab} with extra
 * nodes and a few thousand jobs), measured side by side: our refresh (every default endpoint through slurmrestd,
 * decoded and rendered) and scrape, slurmctld's native {@code /metrics/nodes} and {@code /metrics/jobs}, the raw
 * slurmrestd {@code /nodes} and {@code /jobs}, and {@code squeue --json} / {@code sinfo --json}. Wall-clock medians
 * of several runs; informational, no targets. Usage: {@code BenchReal <lab env file> <version key, e.g. 2605>}.
 */
public final class BenchReal {
  private static final int RUNS = 5;

  private BenchReal() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = readEnv(Path.of(args[0]));
    String k = "LAB_" + args[1] + "_";
    String rest = need(env, k + "REST_URL");
    String user = need(env, k + "REST_USER");
    Path token = Path.of(need(env, k + "TOKEN_FILE"));
    String metrics = need(env, k + "METRICS_URL");
    Path bin = Path.of(need(env, k + "CLI_BIN"));
    String[] apis = need(env, k + "API_VERSIONS").split(" ");
    String api = apis[apis.length - 1];
    Map<String, String> rows = new LinkedHashMap<>();

    try (RestSource source = RestSource.builder().url(rest).user(user).tokenFile(token).apiVersion(api)
        .incremental(false).timeout(Duration.ofMinutes(2)).build()) {
      SlurmMetrics m = SlurmMetrics.builder().source(source).refreshInterval(Duration.ofHours(1))
          .scrapeTimeout(Duration.ofMinutes(2)).collectors(CollectorGroup.defaults()).build();
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      ClusterSnapshot last = null;
      for (int i = 0; i < RUNS + 1; i++) {
        Measure t = Measure.start();
        last = m.collector().refresher().refresh().join();
        Measure.Result r = t.stop();
        if (i > 0) { // the first one warms the JIT up
          wall.add(r.wallMillis());
          cpu.add(r.cpuMillis());
        }
      }
      if (!last.allUp()) throw new IllegalStateException("refresh failed: " + last.results());
      rows.put("cluster", String.format(Locale.ROOT, "%d nodes, %d jobs (REST %s)", last.nodes().orElseThrow().size(),
          last.jobs().orElseThrow().size(), api));
      rows.put("slurm-metrics refresh (every default endpoint, decode, render)", String.format(Locale.ROOT,
          "%.0f ms wall, %.0f ms CPU", median(wall), median(cpu)));
      List<Double> scrape = new ArrayList<>();
      int bytes = 0;
      for (int i = 0; i < RUNS + 1; i++) {
        long t0 = System.nanoTime();
        MetricSnapshots s = m.collect(Duration.ofMinutes(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, s);
        if (i > 0) scrape.add((System.nanoTime() - t0) / 1e6);
        bytes = out.size();
      }
      rows.put("slurm-metrics scrape from the snapshot (collect + text format)", String.format(Locale.ROOT,
          "%.1f ms (%,d bytes)", median(scrape), bytes));
      m.close();
    }
    OkHttpClient http = Clients.floorClient(Duration.ofMinutes(2));
    String jwt = Files.readString(token).trim();
    for (String path : List.of("/slurm/" + api + "/nodes", "/slurm/" + api + "/jobs")) {
      rows.put("slurmrestd GET " + path + " (body read, not decoded)", timeHttp(http, rest + path, user, jwt));
    }
    for (String path : List.of("/nodes", "/jobs")) {
      rows.put("slurmctld native /metrics" + path, timeHttp(http, metrics + path, null, null));
    }
    rows.put("squeue --json", timeCommand(bin.resolve("squeue").toString(), "--json"));
    rows.put("sinfo --json", timeCommand(bin.resolve("sinfo").toString(), "--json"));
    http.dispatcher().executorService().shutdown();

    int w = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
    System.out.println();
    System.out.println(String.format(Locale.ROOT, "slurm-metrics bench --real: Slurm %s lab; machine: %d cores, JVM %s %s; "
        + "medians of %d runs", env.getOrDefault(k + "SLURM_VERSION", "?"), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), RUNS));
    System.out.println(String.format("| %-" + w + "s | %s", "what", "time"));
    rows.forEach((a, b) -> System.out.println(String.format("| %-" + w + "s | %s", a, b)));
  }

  private static String timeHttp(OkHttpClient http, String url, String user, String jwt) throws IOException {
    List<Double> times = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < RUNS + 1; i++) {
      Request.Builder b = new Request.Builder().url(url);
      if (user != null) b.header("X-SLURM-USER-NAME", user).header("X-SLURM-USER-TOKEN", jwt);
      long t0 = System.nanoTime();
      try (Response r = http.newCall(b.build()).execute()) {
        if (!r.isSuccessful()) return "HTTP " + r.code();
        bytes = r.body().source().readAll(okio.Okio.blackhole());
      }
      if (i > 0) times.add((System.nanoTime() - t0) / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f ms (%,d bytes)", median(times), bytes);
  }

  private static String timeCommand(String... cmd) throws IOException, InterruptedException {
    List<Double> times = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < RUNS + 1; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      bytes = p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      int rc = p.waitFor();
      if (rc != 0) return "exit " + rc;
      if (i > 0) times.add((System.nanoTime() - t0) / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f ms (%,d bytes)", median(times), bytes);
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static String need(Map<String, String> env, String key) {
    String v = env.get(key);
    if (v == null || v.isEmpty()) throw new IllegalStateException("lab env file has no " + key);
    return v;
  }

  private static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) continue;
      String v = line.substring(eq + 1).trim();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
      out.put(line.substring(0, eq).trim(), v);
    }
    return out;
  }
}
