package io.slurmmetrics.bench;

import io.slurmmetrics.testkit.sim.ClusterSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The issue-9 scale: 10,000 nodes (9,000 CPU nodes, 1,000 with 4 GPUs each) in 8 overlapping partitions, a queue of
 * 50,000 job records (job arrays, GPU jobs, whole-node jobs on up to 64 nodes, heterogeneous jobs; most CPUs
 * allocated, the rest pending), and 1,000,000 finished jobs in slurmdb over the last day. Every figure of the bench is taken on this one
 * cluster.
 */
public final class Scenario {
  /** The simulated "now": fixed, so that every answer of a run describes the same cluster. */
  public static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
  public static final long SEED = 9;
  public static final int CPU_NODES = 9_000;
  public static final int GPU_NODES = 1_000;
  public static final int PARTITIONS = 8;
  public static final int QUEUE = 50_000;
  /** Share of submissions that are job arrays, and their largest task count. */
  public static final double ARRAY_SHARE = 0.015;
  public static final int ARRAY_MAX_TASKS = 100;
  /** Share of submissions that are whole-node jobs on several nodes, and their largest node count. */
  public static final double MULTI_NODE_SHARE = 0.04;
  public static final int MULTI_NODE_MAX = 64;
  /** Share of submissions that are heterogeneous jobs (a CPU and a GPU component). */
  public static final double HET_SHARE = 0.005;
  public static final int FINISHED = 1_000_000;
  public static final Duration FINISHED_SPAN = Duration.ofHours(24);
  /** Where {@link #prepare} notes which scenario the answers in a data directory were generated for. */
  static final String KEY_FILE = "scenario.key";

  private Scenario() {}

  /** The simulator at {@link #NOW} speaking {@code apiVersion}, with a clock that never moves. */
  public static ClusterSimulator simulator(String apiVersion) {
    return ClusterSimulator.builder()
        .apiVersion(apiVersion)
        .seed(SEED)
        .clusterName("scale")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .cpuNodes(CPU_NODES)
        .gpuNodes(GPU_NODES)
        .partitions(PARTITIONS)
        .queueTarget(QUEUE)
        .arrayJobs(ARRAY_SHARE, ARRAY_MAX_TASKS)
        .multiNodeJobs(MULTI_NODE_SHARE, MULTI_NODE_MAX)
        .heterogeneousJobs(HET_SHARE)
        .finishedHistory(FINISHED, FINISHED_SPAN)
        .build();
  }

  /**
   * What the generated answers depend on: the parameters above and the simulator itself (its classes and the
   * recorded fixtures it takes its shapes from), hashed. A change to any of them is a new key.
   */
  public static String key() {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update((NOW + "|" + SEED + "|" + CPU_NODES + "|" + GPU_NODES + "|" + PARTITIONS + "|" + QUEUE + "|"
          + ARRAY_SHARE + "|" + ARRAY_MAX_TASKS + "|" + MULTI_NODE_SHARE + "|" + MULTI_NODE_MAX + "|" + HET_SHARE
          + "|" + FINISHED + "|" + FINISHED_SPAN).getBytes(StandardCharsets.UTF_8));
      for (String resource : simulatorResources()) {
        try (InputStream in = ClusterSimulator.class.getResourceAsStream("/" + resource)) {
          if (in == null) continue; // a fixture this testkit does not have: its absence is part of the key
          d.update(resource.getBytes(StandardCharsets.UTF_8));
          d.update(in.readAllBytes());
        }
      }
      return HexFormat.of().formatHex(d.digest(), 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the simulator to key the bench data", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes {@code dir} safe to reuse: when its answers were generated for another scenario (or before keys existed),
   * they are deleted so that the bench server generates them again; then the current key is noted.
   */
  public static void prepare(Path dir) throws IOException {
    String key = key();
    Path keyFile = dir.resolve(KEY_FILE);
    if (Files.exists(keyFile) && Files.readString(keyFile).trim().equals(key)) return;
    Files.createDirectories(dir);
    int deleted = 0;
    try (DirectoryStream<Path> answers = Files.newDirectoryStream(dir, "slurm*_v0.0.*")) {
      for (Path f : answers) {
        Files.delete(f);
        deleted++;
      }
    }
    Files.writeString(keyFile, key + "\n");
    if (deleted > 0) System.out.println("scenario changed (key " + key + "): deleted " + deleted + " stale answers");
  }

  /** The simulator's class files and the fixtures its templates read, as resource names, sorted. */
  private static List<String> simulatorResources() throws IOException {
    List<String> out = new ArrayList<>();
    String pkg = ClusterSimulator.class.getPackageName().replace('.', '/') + "/";
    Path location;
    try {
      location = Path.of(ClusterSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate the testkit", e);
    }
    if (Files.isDirectory(location)) {
      try (DirectoryStream<Path> classes = Files.newDirectoryStream(location.resolve(pkg), "*.class")) {
        for (Path c : classes) out.add(pkg + c.getFileName());
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (JarEntry e : Collections.list(jar.entries())) {
          String n = e.getName();
          if (n.startsWith(pkg) && n.endsWith(".class") && n.indexOf('/', pkg.length()) < 0) out.add(n);
        }
      }
    }
    for (String base : List.of("slurm-24.11/rest/v0.0.42/", "slurm-26.05/rest/v0.0.44/")) {
      for (String f : List.of("slurm/ping.json", "slurm/diag.json", "slurm/nodes.json", "slurm/partitions.json",
          "slurm/jobs.json", "slurm/reservations.json", "slurm/licenses.json", "slurm/shares.json",
          "slurmdb/jobs.json", "slurmdb/diag.json")) {
        out.add("io/slurmmetrics/testkit/fixtures/" + base + f);
      }
    }
    Collections.sort(out);
    return out;
  }
}
