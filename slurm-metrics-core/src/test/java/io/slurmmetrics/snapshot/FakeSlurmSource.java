package io.slurmmetrics.snapshot;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.JobStep;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.SlurmSourceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory SlurmSource built from model objects: counts calls per endpoint, fails or crashes endpoints on
 * demand, and can hold every fetch at a gate so tests control when a refresh finishes.
 */
public final class FakeSlurmSource implements SlurmSource {
  private final Map<Endpoint, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<Endpoint, ErrorKind> failures = new ConcurrentHashMap<>();
  private final Map<Endpoint, RuntimeException> crashes = new ConcurrentHashMap<>();
  private volatile CountDownLatch gate;
  private final CountDownLatch entered = new CountDownLatch(1);

  public volatile ControllerInfo ping = new ControllerInfo("testcluster", "24.11.5", "v0.0.42", true);
  public volatile List<Node> nodes = List.of();
  public volatile List<Partition> partitions = List.of();
  public volatile List<Job> jobs = List.of();
  public volatile List<Reservation> reservations = List.of();
  public volatile List<License> licenses = List.of();
  public volatile SchedulerStats diag = schedulerStats(0, List.of(), List.of());
  public volatile List<FairShare> shares = List.of();
  public volatile List<JobStep> steps = List.of();

  public static SchedulerStats schedulerStats(long submitted, List<SchedulerStats.RpcStat> byType,
      List<SchedulerStats.RpcStat> byUser) {
    return new SchedulerStats(3, 0, 0, 0, 0, submitted, submitted, submitted, 0, 0, 0, 0, 0.000245, 0.001494,
        0.000299, 4, 3, 9, 36, 0.000267, 0.001644, 0.000263, 2, 2, 0, Optional.empty(), byType, byUser);
  }

  /** Holds every following fetch until {@link #open()}. */
  public void holdFetches() {
    gate = new CountDownLatch(1);
  }

  public void open() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) g.countDown();
  }

  /** Waits until a fetch has started (and is held at the gate, if one is set). */
  public boolean awaitFetchStarted(long seconds) throws InterruptedException {
    return entered.await(seconds, TimeUnit.SECONDS);
  }

  public void fail(Endpoint e, ErrorKind kind) {
    failures.put(e, kind);
  }

  public void crash(Endpoint e, RuntimeException ex) {
    crashes.put(e, ex);
  }

  public void heal(Endpoint e) {
    failures.remove(e);
    crashes.remove(e);
  }

  public int calls(Endpoint e) {
    AtomicInteger c = calls.get(e);
    return c == null ? 0 : c.get();
  }

  private void enter(Endpoint e) throws SlurmSourceException {
    calls.computeIfAbsent(e, k -> new AtomicInteger()).incrementAndGet();
    entered.countDown();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new SlurmSourceException(ErrorKind.TIMEOUT, name(), e, "interrupted", ex);
      }
    }
    RuntimeException crash = crashes.get(e);
    if (crash != null) throw crash;
    ErrorKind k = failures.get(e);
    if (k != null) throw new SlurmSourceException(k, name(), e, "injected " + k.label(), null);
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public String type() {
    return "rest";
  }

  @Override
  public ControllerInfo ping() throws SlurmSourceException {
    enter(Endpoint.PING);
    return ping;
  }

  @Override
  public List<Node> nodes() throws SlurmSourceException {
    enter(Endpoint.NODES);
    return nodes;
  }

  @Override
  public List<Partition> partitions() throws SlurmSourceException {
    enter(Endpoint.PARTITIONS);
    return partitions;
  }

  @Override
  public List<Job> jobs() throws SlurmSourceException {
    enter(Endpoint.JOBS);
    return jobs;
  }

  @Override
  public List<Reservation> reservations() throws SlurmSourceException {
    enter(Endpoint.RESERVATIONS);
    return reservations;
  }

  @Override
  public List<License> licenses() throws SlurmSourceException {
    enter(Endpoint.LICENSES);
    return licenses;
  }

  @Override
  public SchedulerStats diag() throws SlurmSourceException {
    enter(Endpoint.DIAG);
    return diag;
  }

  @Override
  public List<FairShare> shares() throws SlurmSourceException {
    enter(Endpoint.SHARES);
    return shares;
  }

  @Override
  public List<JobStep> steps() throws SlurmSourceException {
    enter(Endpoint.STEPS);
    return steps;
  }

  @Override
  public void pingDatabase() throws SlurmSourceException {
    enter(Endpoint.DATABASE);
  }

  @Override
  public List<AccountingJob> accountingJobs(Instant endedFrom, Instant endedTo) throws SlurmSourceException {
    enter(Endpoint.ACCOUNTING_JOBS);
    return List.of();
  }

  @Override
  public void close() {
    open();
  }
}
