package io.slurmmetrics.bench;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.SlurmSourceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches each endpoint once from {@code delegate} and answers every later call from memory, so that the series count
 * can render the same snapshot under many collector configurations without fetching it again each time.
 */
final class CachedSource implements SlurmSource {
  private final SlurmSource delegate;
  private final Map<String, Object> cache = new ConcurrentHashMap<>();

  CachedSource(SlurmSource delegate) {
    this.delegate = delegate;
  }

  private interface Call<T> {
    T get() throws SlurmSourceException;
  }

  @SuppressWarnings("unchecked")
  private synchronized <T> T once(String key, Call<T> call) throws SlurmSourceException {
    Object v = cache.get(key);
    if (v == null) {
      v = call.get();
      cache.put(key, v);
    }
    return (T) v;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String type() {
    return delegate.type();
  }

  @Override
  public ControllerInfo ping() throws SlurmSourceException {
    return once("ping", delegate::ping);
  }

  @Override
  public List<Node> nodes() throws SlurmSourceException {
    return once("nodes", delegate::nodes);
  }

  @Override
  public List<Partition> partitions() throws SlurmSourceException {
    return once("partitions", delegate::partitions);
  }

  @Override
  public List<Job> jobs() throws SlurmSourceException {
    return once("jobs", delegate::jobs);
  }

  @Override
  public List<Reservation> reservations() throws SlurmSourceException {
    return once("reservations", delegate::reservations);
  }

  @Override
  public List<License> licenses() throws SlurmSourceException {
    return once("licenses", delegate::licenses);
  }

  @Override
  public SchedulerStats diag() throws SlurmSourceException {
    return once("diag", delegate::diag);
  }

  @Override
  public List<FairShare> shares() throws SlurmSourceException {
    return once("shares", delegate::shares);
  }

  @Override
  public void pingDatabase() throws SlurmSourceException {
    once("database", () -> {
      delegate.pingDatabase();
      return Boolean.TRUE;
    });
  }

  @Override
  public List<AccountingJob> accountingJobs(Instant endedFrom, Instant endedTo) throws SlurmSourceException {
    return once("accounting " + endedFrom + " " + endedTo, () -> delegate.accountingJobs(endedFrom, endedTo));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
