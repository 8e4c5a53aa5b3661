package io.slurmmetrics.bench;

import io.slurmmetrics.testkit.FakeRequest;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.FakeSlurmrestd;
import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import okio.BufferedSink;
import okio.Okio;

/**
 * The loopback fake of the scenario, run in its own JVM so that neither its heap nor its CPU counts in the figures of
 * the process under test. Serves {@link Scenario}'s cluster through {@link FakeSlurmrestd} for REST v0.0.42 and
 * v0.0.44:
 * <ul>
 *   <li>{@code /slurm/vX/*}: the simulator's answers, written once to files under the data directory (generating the
 *       50,000-job answer takes seconds; every request then gets the same bytes);</li>
 *   <li>with {@code update_time}: the cluster never changes, so nodes, partitions and reservations get 304 and jobs
 *       the recorded real "No job changes since update_time" answer, as Slurm 26.05 does;</li>
 *   <li>{@code /slurmdb/vX/jobs?start_time&end_time}: the finished-job history (1,000,000 jobs over 24 hours),
 *       generated on the first request for a window and kept in a file for the next runs;</li>
 *   <li>{@code /bench/counts} (and {@code /bench/reset}): requests per path, for the upstream figure;
 *       {@code /bench/accounting-queries}: the slurmdb job queries since the reset, for the accounting floor.</li>
 * </ul>
 * Usage: {@code BenchServer <data dir> <url file>}; runs until killed.
 */
public final class BenchServer {
  static final List<String> VERSIONS = List.of("v0.0.42", "v0.0.44");
  static final List<String> SLURM_ENDPOINTS =
      List.of("ping", "nodes", "partitions", "jobs", "reservations", "licenses", "diag", "shares");
  private static final List<String> UNCHANGED_304 = List.of("nodes", "partitions", "reservations");
  private static final String UNCHANGED_JOBS = "/io/slurmmetrics/testkit/fixtures/%s/rest/%s/slurm/jobs-unchanged.json";

  private final Path dir;
  private final Map<String, ClusterSimulator> simulators = new TreeMap<>();
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<String> accountingQueries = new java.util.concurrent.CopyOnWriteArrayList<>();

  BenchServer(Path dir) {
    this.dir = dir;
    for (String v : VERSIONS) simulators.put(v, Scenario.simulator(v));
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) throw new IllegalArgumentException("usage: BenchServer <data dir> <url file>");
    BenchServer server = new BenchServer(Path.of(args[0]));
    server.prepare();
    FakeSlurmrestd rest = FakeSlurmrestd.builder().responder(server::respond).start();
    Path urlFile = Path.of(args[1]);
    Files.writeString(urlFile.resolveSibling(urlFile.getFileName() + ".tmp"), rest.url());
    Files.move(urlFile.resolveSibling(urlFile.getFileName() + ".tmp"), urlFile,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("bench server at " + rest.url());
    new CountDownLatch(1).await(); // until the bench kills this process
  }

  /** Writes every /slurm answer that does not exist yet (the data directory survives between runs). */
  void prepare() throws IOException {
    Scenario.prepare(dir); // answers of another scenario (or simulator) are deleted, never served
    for (String v : VERSIONS) {
      for (String e : SLURM_ENDPOINTS) file("/slurm/" + v + "/" + e, Map.of());
    }
  }

  private Path file(String path, Map<String, String> query) throws IOException {
    String name = (path.substring(1) + (query.isEmpty() ? "" : "-" + query.get("start_time") + "-"
        + query.get("end_time"))).replace('/', '_').replace(':', '_') + ".json";
    Path f = dir.resolve(name);
    if (Files.exists(f)) return f;
    Files.createDirectories(dir);
    Path tmp = dir.resolve(name + ".tmp");
    String version = path.split("/")[2];
    try (BufferedSink sink = Okio.buffer(Okio.sink(tmp))) {
      if (!simulators.get(version).write(path, query, sink)) throw new IllegalStateException("no answer for " + path);
    }
    Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("generated " + f + " (" + Files.size(f) / 1_000_000 + " MB)");
    return f;
  }

  FakeResponse respond(FakeRequest request) {
    String path = request.path();
    if (path.equals("/bench/counts")) return FakeResponse.json(200, countsJson());
    if (path.equals("/bench/accounting-queries")) {
      return FakeResponse.text(200, String.join("\n", accountingQueries));
    }
    if (path.equals("/bench/reset")) {
      counts.clear();
      accountingQueries.clear();
      return FakeResponse.json(200, "{}");
    }
    counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    // /pretty/slurmdb/...: the same answer indented as slurmrestd prints it by default (PrettyAnswers, AccountingRun)
    boolean pretty = path.startsWith(PrettyAnswers.PREFIX + "/slurmdb/");
    if (pretty) path = path.substring(PrettyAnswers.PREFIX.length());
    String[] parts = path.split("/");
    if (parts.length != 4 || !simulators.containsKey(parts[2])) return null;
    String version = parts[2];
    String endpoint = parts[3];
    try {
      if (parts[1].equals("slurm") && SLURM_ENDPOINTS.contains(endpoint)) {
        if (request.query().containsKey("update_time")) {
          if (UNCHANGED_304.contains(endpoint)) return FakeResponse.notModified();
          if (endpoint.equals("jobs")) return FakeResponse.json(unchangedJobs(version));
        }
        return FakeResponse.json(bytes(file(path, Map.of())));
      }
      if (parts[1].equals("slurmdb") && endpoint.equals("jobs") && request.query().containsKey("start_time")
          && request.query().containsKey("end_time")) {
        // a run's windows repeat in the next run (fixed clock): generated once, then read from the file
        accountingQueries.add((pretty ? PrettyAnswers.PREFIX : "") + path + "?start_time="
            + request.query().get("start_time") + "&end_time=" + request.query().get("end_time"));
        Path answer = file(path, Map.of("start_time", request.query().get("start_time"),
            "end_time", request.query().get("end_time")));
        return FakeResponse.json(Files.readAllBytes(pretty ? PrettyAnswers.of(answer) : answer));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return simulators.get(version).responder().respond(request);
  }

  private byte[] bytes(Path f) {
    return cache.computeIfAbsent(f.toString(), k -> {
      try {
        return Files.readAllBytes(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static byte[] unchangedJobs(String version) throws IOException {
    String release = version.equals("v0.0.42") ? "slurm-24.11" : "slurm-26.05";
    String resource = String.format(UNCHANGED_JOBS, release, version);
    try (InputStream in = BenchServer.class.getResourceAsStream(resource)) {
      return Objects.requireNonNull(in, resource).readAllBytes();
    }
  }

  private String countsJson() {
    StringBuilder b = new StringBuilder("{");
    new TreeMap<>(counts).forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":")
        .append(v.get()));
    return b.append('}').toString();
  }

}
