package io.slurmmetrics.testkit.sim;

import com.squareup.moshi.JsonWriter;
import io.slurmmetrics.testkit.FakeRequest;
import io.slurmmetrics.testkit.FakeResponse;
import io.slurmmetrics.testkit.FixtureSet;
import io.slurmmetrics.testkit.Fixtures;
import io.slurmmetrics.testkit.Responder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;
import okio.BufferedSink;

/**
 * A simulated Slurm cluster that answers like slurmrestd (REST API v0.0.42 as Slurm 24.11 serves it, or v0.0.44 as
 * 26.05 does): partitions {@code cpu}, {@code gpu} and {@code debug} (which shares nodes with {@code cpu}) and, with
 * {@link Builder#partitions}, up to seven more that overlap them ({@code long}, {@code preempt}, {@code short},
 * {@code gpu_long}, ...); GPU nodes; jobs that arrive, wait for resources, priority, licenses, dependencies, holds or
 * their array's task limit, run, and end completed, failed, timed out, cancelled or out of memory; job arrays (the
 * pending remainder and the running tasks, as squeue shows them), whole-node jobs on many nodes (node lists of many
 * ranges), heterogeneous jobs (a CPU and a GPU component); nodes that drain, go down and return; an active and a future reservation; licenses; fair share; sdiag with
 * RPC statistics; finished jobs in slurmdb. The first answer already shows a busy cluster: the queue is filled and
 * started the way backfill would have, so most CPUs are allocated and the rest of the queue pends.
 *
 * <pre>{@code
 * ClusterSimulator sim = ClusterSimulator.builder().seed(42).clock(clock).build();
 * try (FakeSlurmrestd rest = FakeSlurmrestd.builder().responder(sim.responder()).start()) { ... }
 * }</pre>
 *
 * <p>Deterministic: time advances in fixed ticks of the injected clock's time, and the state at an instant depends
 * only on the seed and that instant (request counters aside). Every JSON object is a recorded real one with values
 * replaced (see {@code Templates}), and documents are written as a stream ({@link #write}) so that large clusters
 * (10,000 nodes, 50,000 jobs, a million finished jobs) never become one giant String. Thread-safe.
 */
public final class ClusterSimulator {
  /** The REST API version the simulator speaks unless {@link Builder#apiVersion} says otherwise. */
  public static final String API_VERSION = "v0.0.42";

  private final String slurmPrefix;
  private final String slurmdbPrefix;

  private final String clusterName;
  private final Clock clock;
  private final long startSeconds;
  private final Simulation sim;
  private final FinishedHistory history;
  private final SimWriter writer;
  private final long outageFirst;
  private final long outageEvery;
  private final long outageLength;

  private ClusterSimulator(Builder b) {
    this.clusterName = b.clusterName;
    this.clock = b.clock;
    this.startSeconds = clock.instant().getEpochSecond();
    this.history = new FinishedHistory(b.seed, startSeconds, b.historyJobs, b.historySpan.toSeconds(),
        Math.max(1, b.cpuNodes), b.gpuNodes);
    this.sim = new Simulation(b.seed, startSeconds, new Simulation.Config(b.cpuNodes, b.gpuNodes, b.partitions,
        b.queueTarget, b.arrayShare, b.multiNodeShare, b.maxNodesPerJob, b.maxArrayTasks, b.hetShare),
        b.tick.toSeconds(), b.maxFinished, b.historyJobs + 1L);
    this.writer = new SimWriter(clusterName, sim, history, startSeconds, Templates.get(b.apiVersion));
    this.slurmPrefix = "/slurm/" + b.apiVersion + "/";
    this.slurmdbPrefix = "/slurmdb/" + b.apiVersion + "/";
    this.outageFirst = b.outageFirst.toSeconds();
    this.outageEvery = b.outageEvery.toSeconds();
    this.outageLength = b.outageLength.toSeconds();
  }

  /** A builder; every setting has a default, so {@code builder().build()} is a working cluster. */
  public static Builder builder() {
    return new Builder();
  }

  /** The name this simulated cluster reports as Slurm's ClusterName. */
  public String clusterName() {
    return clusterName;
  }

  /** Answers {@link io.slurmmetrics.testkit.FakeSlurmrestd}'s requests; unknown paths get {@code null} (404). */
  public Responder responder() {
    return this::respond;
  }

  FakeResponse respond(FakeRequest request) {
    if (!request.method().equals("GET")) return null;
    if (request.path().startsWith(slurmdbPrefix) && slurmdbdDown()) {
      // what slurmrestd 24.11 really answers while slurmdbd is away (recorded)
      FixtureSet.RecordedResponse down = Fixtures.of("24.11").errorCase("slurmdbd-down-jobs").orElseThrow();
      return FakeResponse.guess(down.status(), down.body());
    }
    Buffer buffer = new Buffer();
    try {
      if (!write(request.path(), request.query(), buffer)) return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return FakeResponse.json(buffer.readByteArray());
  }

  /**
   * Streams the answer to {@code GET path?query} into {@code sink}, as slurmrestd would send it.
   *
   * @return false when slurmrestd would not know the path (nothing is written)
   */
  public boolean write(String path, Map<String, String> query, BufferedSink sink) throws IOException {
    Objects.requireNonNull(path, "path");
    String endpoint;
    boolean db;
    if (path.startsWith(slurmPrefix)) {
      endpoint = path.substring(slurmPrefix.length());
      db = false;
    } else if (path.startsWith(slurmdbPrefix)) {
      endpoint = path.substring(slurmdbPrefix.length());
      db = true;
    } else {
      return false;
    }
    synchronized (this) {
      sim.advanceTo(clock.instant().getEpochSecond());
      JsonWriter w = JsonWriter.of(sink);
      w.setSerializeNulls(true);
      w.setIndent(""); // compact, like slurmrestd with no pretty printing
      boolean known = db ? writer.slurmdb(endpoint, query, w) : writer.slurm(endpoint, w);
      w.flush();
      return known;
    }
  }

  /** True while a scheduled slurmdbd outage ({@link Builder#slurmdbdOutages}) is under way. */
  public boolean slurmdbdDown() {
    if (outageLength <= 0) return false;
    long t = clock.instant().getEpochSecond() - startSeconds - outageFirst;
    return t >= 0 && t % outageEvery < outageLength;
  }

  /** Simulated seconds since the simulator started (for tests). */
  public synchronized long elapsedSeconds() {
    sim.advanceTo(clock.instant().getEpochSecond());
    return sim.now - startSeconds;
  }

  /** Configures a {@link ClusterSimulator}. */
  public static final class Builder {
    private long seed = 1;
    private String clusterName = "sim";
    private Clock clock = Clock.systemUTC();
    private int cpuNodes = 24;
    private int gpuNodes = 6;
    private int queueTarget = 80;
    private int partitions = 3;
    private double arrayShare = 0.03;
    private int maxArrayTasks = 20;
    private double multiNodeShare = 0.03;
    private int maxNodesPerJob = 8;
    private double hetShare = 0.01;
    private Duration tick = Duration.ofSeconds(5);
    private int historyJobs = 600;
    private Duration historySpan = Duration.ofHours(2);
    private int maxFinished = 100_000;
    private Duration outageFirst = Duration.ZERO;
    private Duration outageEvery = Duration.ofDays(1);
    private Duration outageLength = Duration.ZERO;
    private String apiVersion = API_VERSION;

    private Builder() {}

    /**
     * The REST API version to speak: {@code v0.0.42} (default; Slurm 24.11's recorded shapes) or {@code v0.0.44}
     * (Slurm 26.05's recorded shapes, which add keys such as {@code step_id}, {@code topology}, {@code cert_flags}).
     */
    public Builder apiVersion(String apiVersion) {
      Templates.get(Objects.requireNonNull(apiVersion, "apiVersion")); // fails fast on a version we have no shapes for
      this.apiVersion = apiVersion;
      return this;
    }

    /** Same seed, same clock readings: same answers. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Slurm's ClusterName, as {@code meta.slurm.cluster} and in slurmdb. */
    public Builder clusterName(String name) {
      if (name.isBlank()) throw new IllegalArgumentException("clusterName must not be blank");
      this.clusterName = name;
      return this;
    }

    /** Where simulated time comes from; a fixed or stepped clock makes tests exact. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Nodes in partition {@code cpu} (the first four also in {@code debug}); default 24. */
    public Builder cpuNodes(int n) {
      if (n < 1) throw new IllegalArgumentException("cpuNodes must be at least 1: " + n);
      this.cpuNodes = n;
      return this;
    }

    /** Nodes with 4 GPUs each in partition {@code gpu}; default 6. */
    public Builder gpuNodes(int n) {
      if (n < 0) throw new IllegalArgumentException("gpuNodes must not be negative: " + n);
      this.gpuNodes = n;
      return this;
    }

    /**
     * Job records the queue holds in its steady state (running and pending; an array's pending remainder is one
     * record, each of its started tasks another); default 80.
     */
    public Builder queueTarget(int n) {
      if (n < 1) throw new IllegalArgumentException("queueTarget must be at least 1: " + n);
      this.queueTarget = n;
      return this;
    }

    /**
     * How many partitions, 3 to 10 (default 3): {@code cpu} (every CPU node), {@code gpu} (every GPU node),
     * {@code debug} (the first 1 % of CPU nodes, at least 4), then {@code long} (the second half of the CPU nodes),
     * {@code preempt} (every node), {@code short} (the first quarter), {@code gpu_long} (the second half of the GPU
     * nodes), {@code interactive} (every 50th CPU node), {@code highmem} (the last 5 %), {@code scavenger}. A node
     * belongs to several, as at real sites; each partition's node, CPU and GPU totals are those of its own nodes.
     */
    public Builder partitions(int n) {
      if (n < 3 || n > Partitions.NAMES.length) {
        throw new IllegalArgumentException("partitions must be between 3 and " + Partitions.NAMES.length + ": " + n);
      }
      this.partitions = n;
      return this;
    }

    /**
     * Share of submissions that are job arrays ({@code --array=1-N}, N from 2 to {@code maxTasks}; four in ten with a
     * {@code %2..%10} limit); default 3 % with up to 20 tasks. Their tasks start one by one as they fit.
     */
    public Builder arrayJobs(double share, int maxTasks) {
      if (share < 0 || share > 1) throw new IllegalArgumentException("array share must be in [0, 1]: " + share);
      if (maxTasks < 2) throw new IllegalArgumentException("maxTasks must be at least 2: " + maxTasks);
      this.arrayShare = share;
      this.maxArrayTasks = maxTasks;
      return this;
    }

    /**
     * Share of submissions that are whole-node jobs on 2 to {@code maxNodes} nodes (fewer than that mostly: the
     * count is drawn as the cube of a uniform draw), and never more than half their partition; default 3 %, up to 8
     * nodes. Another 5 % are whole-node jobs on one node.
     */
    public Builder multiNodeJobs(double share, int maxNodes) {
      if (share < 0 || share > 0.95) throw new IllegalArgumentException("multi-node share must be in [0, 0.95]: "
          + share);
      if (maxNodes < 2) throw new IllegalArgumentException("maxNodes must be at least 2: " + maxNodes);
      this.multiNodeShare = share;
      this.maxNodesPerJob = maxNodes;
      return this;
    }

    /**
     * Share of submissions that are heterogeneous jobs: a CPU component in {@code cpu} and a GPU component in
     * {@code gpu} (two queue records with {@code het_job_id}, {@code het_job_offset} 0 and 1), started together, as
     * recorded; default 1 %. None without GPU nodes.
     */
    public Builder heterogeneousJobs(double share) {
      if (share < 0 || share > 1) throw new IllegalArgumentException("heterogeneous share must be in [0, 1]: " + share);
      this.hetShare = share;
      return this;
    }

    /** Simulated time per step; default 5 s. */
    public Builder tick(Duration tick) {
      if (tick.toSeconds() < 1) throw new IllegalArgumentException("tick must be at least 1 s: " + tick);
      this.tick = tick;
      return this;
    }

    /** Finished jobs in slurmdb from before the start, spread over {@code span}; generated, never stored. */
    public Builder finishedHistory(int jobs, Duration span) {
      if (jobs < 0) throw new IllegalArgumentException("history jobs must not be negative: " + jobs);
      if (span.toSeconds() < 1) throw new IllegalArgumentException("history span must be at least 1 s");
      this.historyJobs = jobs;
      this.historySpan = span;
      return this;
    }

    /** Finished jobs of the running simulation kept for slurmdb (the oldest are forgotten); default 100,000. */
    public Builder maxFinished(int n) {
      if (n < 0) throw new IllegalArgumentException("maxFinished must not be negative: " + n);
      this.maxFinished = n;
      return this;
    }

    /**
     * slurmdbd goes away for {@code length} every {@code every}, the first time {@code first} after the start:
     * {@code /slurmdb/*} then answers as the recorded Slurm 24.11 did with slurmdbd stopped (502, error 7000).
     * Default: never.
     */
    public Builder slurmdbdOutages(Duration first, Duration every, Duration length) {
      if (every.toSeconds() < 1 || length.isNegative() || length.compareTo(every) >= 0 || first.isNegative()) {
        throw new IllegalArgumentException("need 0 <= length < every and first >= 0: " + first + ", " + every + ", "
            + length);
      }
      this.outageFirst = first;
      this.outageEvery = every;
      this.outageLength = length;
      return this;
    }

    /** The simulator; each answer first catches its state up to the clock, tick by tick. */
    public ClusterSimulator build() {
      return new ClusterSimulator(this);
    }
  }
}
