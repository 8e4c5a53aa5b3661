package io.slurmmetrics.accounting;

import io.slurmmetrics.metrics.FamilySet;
import io.slurmmetrics.metrics.MetricCatalog;
import io.slurmmetrics.metrics.MetricDefinition;
import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.SlurmSourceException;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads finished jobs from slurmdbd in the background and counts each exactly once.
 *
 * <p>Each poll asks the source for the jobs that ended in {@code [cursor - overlap, now]} (split into pieces of at
 * most {@link AccountingOptions#maxQueryWindow()}, which re-read the overlap only where it can hold late records: the
 * first piece, and pieces within {@code overlap} of now), counts the finished ones it has not counted yet, identified by
 * job id, array task, heterogeneous offset and submit time, and moves the cursor to the end of what it read. Jobs
 * that ended before the overlap window are forgotten, which bounds the memory. A failed poll leaves the cursor where
 * it was, so the next one that succeeds reads everything that was missed.
 *
 * <p>Nothing here runs on the scrape path: {@link #start()} polls on a daemon thread, {@link #pollOnce()} lets an
 * owner drive it; rendering ({@link #render}) only reads totals in memory. No method throws because Slurm failed.
 * Thread-safe.
 */
public final class AccountingPoller implements Closeable {
  private static final System.Logger LOG = System.getLogger(AccountingPoller.class.getName());

  private final SlurmSource source;
  private final String clusterName;
  private final AccountingOptions options;
  private final Clock clock;
  private final Optional<StateFile> stateFile;
  private final AccountingTotals totals;

  private final Object pollLock = new Object();
  private final SeenJobs seen = new SeenJobs(); // guarded by pollLock
  private final Instant countFrom;
  private Instant cursor; // guarded by pollLock
  private Optional<Boolean> databaseUp = Optional.empty(); // guarded by pollLock
  private Optional<Instant> lastSuccess = Optional.empty(); // guarded by pollLock
  private Optional<String> lastError = Optional.empty(); // guarded by pollLock
  private final Map<String, Long> errors = new TreeMap<>(); // guarded by pollLock
  private volatile AccountingStatus status;

  private ScheduledExecutorService executor; // guarded by this
  private volatile boolean closed;

  /**
   * A poller for one cluster. Reads the state file, if configured, right away: a file written under another name or
   * one that cannot be read is logged and ignored (counting then starts at {@link AccountingOptions#countFrom()} or
   * now).
   *
   * @param clusterName names this poller in logs and its thread, and is recorded in the state file: keep it stable
   *                    across restarts (the facade passes the source's name)
   * @throws IllegalStateException when the metric catalogue lacks an accounting family (a build error)
   */
  public AccountingPoller(SlurmSource source, String clusterName, AccountingOptions options) {
    this.source = Objects.requireNonNull(source, "source");
    this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = options.clock();
    this.stateFile = options.stateFile().map(StateFile::new);
    this.totals = new AccountingTotals(options.userLabel(), options.accountLabel());
    Optional<StateFile.State> resumed = stateFile.flatMap(this::loadState);
    if (resumed.isPresent()) {
      StateFile.State s = resumed.get();
      this.countFrom = s.countFrom();
      this.cursor = s.cursor();
      Instant floor = lowerEdge();
      s.jobs().forEach((key, end) -> {
        if (!end.isBefore(floor)) seen.add(key, end);
      });
      LOG.log(System.Logger.Level.INFO, "slurm-metrics accounting " + clusterName + ": resuming from "
          + stateFile.get().path() + " at cursor " + cursor + " (" + seen.size() + " recent jobs remembered)");
    } else {
      this.countFrom = options.countFrom().orElseGet(clock::instant);
      this.cursor = countFrom;
      // persist the start right away: a restart before the first successful poll must resume here, not at its own now
      synchronized (pollLock) {
        saveState();
      }
    }
    publishStatus();
  }

  private Optional<StateFile.State> loadState(StateFile file) {
    try {
      Optional<StateFile.State> s = file.read();
      if (s.isPresent() && !s.get().cluster().equals(clusterName)) {
        LOG.log(System.Logger.Level.WARNING, "slurm-metrics accounting " + clusterName + ": state file "
            + file.path() + " belongs to cluster '" + s.get().cluster() + "'; ignoring it and counting from now");
        return Optional.empty();
      }
      return s;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "slurm-metrics accounting " + clusterName + ": state file unusable ("
          + e.getMessage() + "); starting fresh: jobs that ended before now are not counted");
      return Optional.empty();
    }
  }

  /** Starts polling on a daemon thread: first poll now, then every {@link AccountingOptions#pollInterval()}. */
  public synchronized AccountingPoller start() {
    if (closed) throw new IllegalStateException("accounting poller closed");
    if (executor != null) return this;
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "slurm-metrics-accounting-" + clusterName);
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(this::pollOnce, 0, options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * One poll, on the calling thread: reads from the cursor up to now and counts what is new. Blocks while another
   * poll runs. Never throws for a Slurm, payload or disk failure: those are counted and logged.
   */
  public AccountingStatus pollOnce() {
    synchronized (pollLock) {
      Instant now = clock.instant();
      try {
        boolean first = true;
        do {
          // Only the first piece re-reads the overlap, and a later one when it reaches the last `overlap` before
          // now: a job recorded within `overlap` of its end is in the database by the time the next piece is asked
          // for, unless it ended that recently. A day's catch-up re-reads 10 of every 70 minutes otherwise.
          Instant from = first || cursor.isAfter(now.minus(options.overlap())) ? lowerEdge() : cursor;
          first = false;
          Instant to = min(cursor.plus(options.maxQueryWindow()), now);
          if (to.isBefore(cursor)) to = cursor; // the clock went back: never move the cursor backwards
          if (to.isBefore(from)) to = from; // countFrom lies ahead
          Map<JobKey, AccountingJob> fresh = select(source.accountingJobs(from, to), lowerEdge());
          cursor = to;
          // only what the next queries can return again is remembered: a job that ended before the new lower edge
          // would be evicted right away (most of a catch-up's piece, which is ~6 times as long as the overlap)
          Instant keepFrom = lowerEdge();
          fresh.forEach((key, job) -> {
            Instant end = job.endTime().orElseThrow();
            if (!end.isBefore(keepFrom)) seen.add(key, end);
          });
          seen.evictEndedBefore(keepFrom);
          // The state goes to disk before the counts change: a crash in between loses these jobs from the
          // counters (at most once) instead of counting them again after the restart.
          saveState();
          totals.add(fresh.values());
        } while (cursor.isBefore(now));
        if (!Boolean.TRUE.equals(databaseUp.orElse(null)) && lastError.isPresent()) {
          LOG.log(System.Logger.Level.INFO, "slurm-metrics accounting " + clusterName
              + ": slurmdbd answers again; caught up to " + cursor);
        }
        databaseUp = Optional.of(true);
        lastSuccess = Optional.of(clock.instant());
        lastError = Optional.empty();
      } catch (SlurmSourceException e) {
        failed(e.kind().label(), e.getMessage());
      } catch (RuntimeException e) {
        // a reader or arithmetic bug on data we did not expect: keep the poller alive, name the cause
        failed(ErrorKind.BAD_PAYLOAD.label(), source.name() + " accounting_jobs: " + e);
      }
      return publishStatus();
    }
  }

  /**
   * The finished jobs of one answer not counted yet, each once. Changes nothing: the caller remembers them only once
   * the whole answer was understood.
   */
  private Map<JobKey, AccountingJob> select(List<AccountingJob> jobs, Instant from) {
    Map<JobKey, AccountingJob> fresh = new LinkedHashMap<>(jobs.size() * 4 / 3 + 1);
    for (AccountingJob job : jobs) {
      if (job.endTime().isEmpty() || !JobOutcome.of(job.state()).isFinished()) continue;
      // older than the window: counted before, or ended before counting started
      if (job.endTime().get().isBefore(from)) continue;
      JobKey key = JobKey.of(job);
      if (!seen.contains(key)) fresh.putIfAbsent(key, job);
    }
    return fresh;
  }

  private Instant lowerEdge() {
    Instant edge = cursor.minus(options.overlap());
    return edge.isBefore(countFrom) ? countFrom : edge;
  }

  private void failed(String kind, String message) {
    if (closed) return; // an in-flight request interrupted by close() is no failure of slurmdbd
    errors.merge(kind, 1L, Long::sum);
    if (!message.equals(lastError.orElse(null))) {
      LOG.log(System.Logger.Level.WARNING, "slurm-metrics accounting " + clusterName + ": " + message
          + " (cursor stays at " + cursor + "; nothing is skipped)");
    }
    databaseUp = Optional.of(false);
    lastError = Optional.of(message);
  }

  private void saveState() {
    if (stateFile.isEmpty()) return;
    try {
      stateFile.get().write(new StateFile.State(clusterName, countFrom, cursor, seen.entries()));
    } catch (IOException | RuntimeException e) {
      errors.merge("state_file", 1L, Long::sum);
      LOG.log(System.Logger.Level.WARNING, "slurm-metrics accounting " + clusterName + ": cannot write state file "
          + stateFile.get().path() + ": " + e.getMessage() + " (counting goes on; a restart now may count "
          + "recent jobs again)");
    }
  }

  private AccountingStatus publishStatus() {
    AccountingStatus s = new AccountingStatus(databaseUp, countFrom, cursor, seen.size(), totals.jobsCounted(),
        errors, lastSuccess, lastError);
    status = s;
    return s;
  }

  /** The latest status; cheap, never blocks on a running poll. */
  public AccountingStatus status() {
    return status;
  }

  /** The name given at construction. */
  public String clusterName() {
    return clusterName;
  }

  /** The options this poller runs with. */
  public AccountingOptions options() {
    return options;
  }

  static final String ERRORS = "slurm_accounting_errors_total";
  static final String TRACKED_JOBS = "slurm_accounting_tracked_jobs";
  static final String CURSOR = "slurm_accounting_cursor_timestamp_seconds";

  /** Every catalogue entry a poller renders: the job families and its own health. */
  public static List<MetricDefinition> definitions() {
    List<MetricDefinition> out = new ArrayList<>(AccountingTotals.catalogDefinitions());
    for (String name : List.of(ERRORS, TRACKED_JOBS, CURSOR)) out.add(MetricCatalog.get(name));
    return List.copyOf(out);
  }

  /** Adds the accounting families, as counted so far, to {@code out}. Memory only; safe on the scrape path. */
  public void render(FamilySet out) {
    totals.render(out);
    AccountingStatus s = status;
    out.declare(ERRORS);
    s.errors().forEach((kind, n) -> out.add(ERRORS, n, kind));
    out.add(TRACKED_JOBS, s.trackedJobs());
    out.add(CURSOR, s.cursor().toEpochMilli() / 1000.0);
  }

  AccountingTotals totals() {
    return totals;
  }

  /** Stops the background thread (an in-flight request is interrupted). The source is the caller's to close. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) executor.shutdownNow();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
