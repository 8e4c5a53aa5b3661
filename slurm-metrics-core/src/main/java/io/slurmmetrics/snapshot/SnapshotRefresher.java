package io.slurmmetrics.snapshot;

import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.SlurmSourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fetches one {@link ClusterSnapshot} per interval and hands it to every scrape.
 *
 * <p>Single-flight: at most one fetch runs at a time, and every caller that needs fresh data while it runs shares its
 * result. A scrape waits for a running fetch at most its budget; when the budget runs out it gets the previous snapshot
 * if that is younger than the max age, else nothing (stale numbers are never served as fresh). Fetches run on one
 * daemon thread, so a scrape that gives up never leaves a half-done fetch behind, and a hanging Slurm cannot pile up
 * threads.
 */
public final class SnapshotRefresher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SnapshotRefresher.class.getName());
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final SlurmSource source;
  private final Set<Endpoint> endpoints;
  private final Set<Endpoint> unsupportedLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final String clusterNameOverride;
  private final Duration refreshInterval;
  private final Duration maxAge;
  private final Clock clock;
  private final Consumer<ClusterSnapshot> listener;
  private final ScheduledExecutorService executor;

  private final Object lock = new Object();
  private CompletableFuture<ClusterSnapshot> inFlight; // guarded by lock
  private boolean started; // guarded by lock
  private volatile ClusterSnapshot latest;

  private SnapshotRefresher(Builder b) {
    this.source = Objects.requireNonNull(b.source, "source");
    this.endpoints = EnumSet.copyOf(b.endpoints);
    this.endpoints.add(Endpoint.PING); // cluster name and version come from it
    this.endpoints.remove(Endpoint.ACCOUNTING_JOBS); // windowed: the accounting poller's business
    this.clusterNameOverride = b.clusterName;
    this.refreshInterval = b.refreshInterval;
    this.maxAge = b.maxAge != null ? b.maxAge : b.refreshInterval.multipliedBy(3);
    if (maxAge.compareTo(refreshInterval) < 0) {
      throw new IllegalArgumentException("maxAge " + maxAge + " is shorter than refreshInterval " + refreshInterval);
    }
    this.clock = b.clock;
    this.listener = b.listener;
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "slurm-metrics-refresh-" + THREAD_IDS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ex.setRemoveOnCancelPolicy(true);
    ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.executor = ex;
  }

  /** A builder; only {@link Builder#source} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The endpoints each refresh fetches (always including {@code ping}). */
  public Set<Endpoint> endpoints() {
    return EnumSet.copyOf(endpoints);
  }

  /** The configured {@code cluster} label override, empty when Slurm's ClusterName is used. */
  public Optional<String> clusterNameOverride() {
    return Optional.ofNullable(clusterNameOverride);
  }

  /** The source's token-free name. */
  public String sourceName() {
    return source.name();
  }

  /** How often a refresh is due. */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /** The age past which a snapshot is no longer served as current. */
  public Duration maxAge() {
    return maxAge;
  }

  /** The one clock that schedules refreshes and judges age; shared so scrape and refresh agree on "now". */
  public Clock clock() {
    return clock;
  }

  /** Starts refreshing every interval in the background (idempotent). */
  public void start() {
    synchronized (lock) {
      if (started) return;
      started = true;
    }
    long millis = refreshInterval.toMillis();
    executor.scheduleAtFixedRate(this::refresh, 0, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * The snapshot a scrape should serve. Refreshes (or joins the running refresh) when the latest snapshot is older
   * than the refresh interval, waiting at most {@code budget}. Empty when no snapshot younger than the max age exists.
   */
  public Optional<ClusterSnapshot> current(Duration budget) {
    ClusterSnapshot s = latest;
    Instant now = clock.instant();
    if (s != null && s.age(now).compareTo(refreshInterval) < 0) return Optional.of(s);
    CompletableFuture<ClusterSnapshot> f = refresh();
    if (!budget.isNegative() && !budget.isZero()) {
      try {
        return Optional.of(f.get(budget.toNanos(), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        // fall through to the previous snapshot
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // only when closed: fall through
      }
    } else if (f.isDone() && !f.isCompletedExceptionally()) {
      return Optional.of(f.join());
    }
    return servable();
  }

  /** The latest snapshot when it is younger than the max age, without triggering a refresh. */
  public Optional<ClusterSnapshot> servable() {
    ClusterSnapshot s = latest;
    if (s == null || s.age(clock.instant()).compareTo(maxAge) > 0) return Optional.empty();
    return Optional.of(s);
  }

  /** The latest snapshot whatever its age (for status pages, never for serving numbers). */
  public Optional<ClusterSnapshot> latest() {
    return Optional.ofNullable(latest);
  }

  /** Starts a refresh, or returns the one already running. */
  public CompletableFuture<ClusterSnapshot> refresh() {
    synchronized (lock) {
      if (inFlight != null) return inFlight;
      CompletableFuture<ClusterSnapshot> f = new CompletableFuture<>();
      inFlight = f;
      try {
        executor.execute(() -> runRefresh(f));
      } catch (RejectedExecutionException e) {
        inFlight = null;
        f.completeExceptionally(new IllegalStateException("refresher is closed", e));
      }
      return f;
    }
  }

  private void runRefresh(CompletableFuture<ClusterSnapshot> f) {
    ClusterSnapshot s = null;
    Throwable failure = null;
    try {
      s = fetch();
      try {
        listener.accept(s);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "slurm-metrics: rendering snapshot of " + s.clusterName() + " failed", e);
      }
      // published after the listener: whoever sees this snapshot as the latest also sees what the listener recorded
      // for it (its rendering, the success time in the status)
      latest = s;
    } catch (Throwable t) { // never leave waiters hanging
      failure = t;
    } finally {
      synchronized (lock) {
        inFlight = null;
      }
    }
    if (s != null) f.complete(s);
    else f.completeExceptionally(failure);
  }

  private ClusterSnapshot fetch() {
    Instant start = clock.instant();
    EnumMap<Endpoint, EndpointResult<?>> results = new EnumMap<>(Endpoint.class);
    for (Endpoint e : endpoints) {
      Instant t0 = clock.instant();
      try {
        Object value = call(e);
        results.put(e, EndpointResult.ok(value, Duration.between(t0, clock.instant())));
      } catch (SlurmSourceException ex) {
        logFailure(ex);
        results.put(e, EndpointResult.failed(ex, Duration.between(t0, clock.instant())));
      } catch (RuntimeException ex) { // a bug in a source must not stop the other endpoints
        SlurmSourceException wrapped = new SlurmSourceException(ErrorKind.BAD_PAYLOAD, source.name(), e,
            "unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
        LOG.log(System.Logger.Level.WARNING, "slurm-metrics: " + wrapped.getMessage());
        results.put(e, EndpointResult.failed(wrapped, Duration.between(t0, clock.instant())));
      }
    }
    ClusterSnapshot previous = latest;
    EndpointResult<?> ping = results.get(Endpoint.PING);
    ControllerInfo info = ping != null && ping.isOk() ? (ControllerInfo) ping.value().orElseThrow() : null;
    String name = clusterNameOverride != null ? clusterNameOverride
        : info != null && !info.clusterName().isEmpty() ? info.clusterName()
        : previous != null ? previous.clusterName()
        : source.name();
    String version = info != null ? info.slurmVersion() : previous != null ? previous.slurmVersion() : "";
    String api = info != null ? info.apiVersion() : previous != null ? previous.apiVersion() : "";
    return new ClusterSnapshot(name, version, api, source.type(), start, Duration.between(start, clock.instant()),
        results);
  }

  /**
   * One line per failed fetch, except for endpoints this Slurm cannot serve at all (22.05 has no fair-share
   * endpoint): that is a fact about the cluster, not an incident, so it is said once and then only at debug level.
   */
  private void logFailure(SlurmSourceException ex) {
    if (ex.kind() == ErrorKind.UNSUPPORTED) {
      boolean first = unsupportedLogged.add(ex.endpoint());
      LOG.log(first ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
          "slurm-metrics: " + ex.getMessage() + (first ? " (its families are left out; said once)" : ""));
      return;
    }
    unsupportedLogged.remove(ex.endpoint());
    LOG.log(System.Logger.Level.WARNING, "slurm-metrics: " + ex.getMessage());
  }

  private Object call(Endpoint e) throws SlurmSourceException {
    return switch (e) {
      case PING -> source.ping();
      case NODES -> source.nodes();
      case PARTITIONS -> source.partitions();
      case JOBS -> source.jobs();
      case RESERVATIONS -> source.reservations();
      case LICENSES -> source.licenses();
      case DIAG -> source.diag();
      case SHARES -> source.shares();
      case DATABASE -> {
        source.pingDatabase();
        yield Boolean.TRUE;
      }
      case STEPS -> source.steps();
      case ACCOUNTING_JOBS -> throw new IllegalStateException("accounting jobs are not part of a snapshot");
    };
  }

  /** Stops background refresh; a running fetch is interrupted. Does not close the source. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Configures a {@link SnapshotRefresher}. */
  public static final class Builder {
    private SlurmSource source;
    // steps are the per-step opt-in (a query of slurmdbd for every running job): asked for, never by default
    private Set<Endpoint> endpoints = EnumSet.complementOf(EnumSet.of(Endpoint.STEPS));
    private String clusterName;
    private Duration refreshInterval = Duration.ofSeconds(30);
    private Duration maxAge;
    private Clock clock = Clock.systemUTC();
    private Consumer<ClusterSnapshot> listener = s -> {};

    private Builder() {}

    /** Where each refresh fetches from (required). */
    public Builder source(SlurmSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * The endpoints to fetch; {@code ping} is always added, {@code accounting_jobs} never fetched here. Without this
     * call every endpoint but {@code steps} is fetched.
     */
    public Builder endpoints(Set<Endpoint> endpoints) {
      this.endpoints = EnumSet.noneOf(Endpoint.class);
      this.endpoints.addAll(endpoints);
      return this;
    }

    /** Overrides Slurm's ClusterName as the {@code cluster} label; null keeps Slurm's. */
    public Builder clusterName(String clusterName) {
      if (clusterName != null && clusterName.isBlank()) {
        throw new IllegalArgumentException("clusterName must not be blank");
      }
      this.clusterName = clusterName;
      return this;
    }

    /** How often a refresh is due; default 30 s. */
    public Builder refreshInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("refreshInterval must be positive: " + interval);
      }
      this.refreshInterval = interval;
      return this;
    }

    /** Data older than this is not served; default three refresh intervals. */
    public Builder maxAge(Duration maxAge) {
      if (maxAge.isNegative() || maxAge.isZero()) throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
      this.maxAge = maxAge;
      return this;
    }

    /** The clock for scheduling and age; default UTC system clock. For tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Called on the refresh thread with each new snapshot, before any scrape waiting for it returns. */
    public Builder listener(Consumer<ClusterSnapshot> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The configured refresher; nothing is fetched until {@link SnapshotRefresher#start()} or a scrape asks. */
    public SnapshotRefresher build() {
      return new SnapshotRefresher(this);
    }
  }
}
