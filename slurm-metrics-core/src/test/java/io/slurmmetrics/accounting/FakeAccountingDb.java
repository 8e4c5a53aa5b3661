package io.slurmmetrics.accounting;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import io.slurmmetrics.source.Endpoint;
import io.slurmmetrics.source.ErrorKind;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.SlurmSourceException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * slurmdbd as the poller sees it: job records that become visible at some instant (a record may reach the database
 * after its job ended), answered by end time. Can be switched down, and can answer sloppily (shuffled, duplicated,
 * with records outside the window) the way real sources may.
 */
class FakeAccountingDb implements SlurmSource {
  record Window(Instant from, Instant to) {}

  private record Entry(AccountingJob job, Instant visibleAt) {}

  private final Clock clock;
  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  final List<Window> queries = new CopyOnWriteArrayList<>();
  private volatile boolean down;
  private volatile Random sloppy;

  FakeAccountingDb(Clock clock) {
    this.clock = clock;
  }

  /** The record is in the database from {@code visibleAt} on. */
  void add(AccountingJob job, Instant visibleAt) {
    entries.add(new Entry(job, visibleAt));
  }

  /** The record is in the database as soon as the job ends. */
  void add(AccountingJob job) {
    add(job, job.endTime().orElseThrow());
  }

  void down(boolean down) {
    this.down = down;
  }

  /** Answers shuffled, with duplicates and with records from outside the asked window. */
  void sloppy(Random random) {
    this.sloppy = random;
  }

  @Override
  public List<AccountingJob> accountingJobs(Instant endedFrom, Instant endedTo) throws SlurmSourceException {
    queries.add(new Window(endedFrom, endedTo));
    if (down) {
      throw new SlurmSourceException(ErrorKind.SLURM_ERROR, name(), Endpoint.ACCOUNTING_JOBS,
          "Unable to connect to database (errno 7000)", 7000, null);
    }
    Instant now = clock.instant();
    List<AccountingJob> out = new ArrayList<>();
    Random r = sloppy;
    for (Entry e : entries) {
      if (e.visibleAt().isAfter(now)) continue;
      // like sacct, a job without an end time (still running) is in every answer
      Instant end = e.job().endTime().orElse(null);
      boolean inside = end == null || (!end.isBefore(endedFrom) && !end.isAfter(endedTo));
      if (inside || (r != null && r.nextInt(4) == 0)) out.add(e.job());
      if (inside && r != null && r.nextInt(5) == 0) out.add(e.job());
    }
    if (r != null) Collections.shuffle(out, r);
    return out;
  }

  @Override
  public String name() {
    return "fake slurmdbd";
  }

  @Override
  public String type() {
    return "fake";
  }

  @Override
  public void pingDatabase() throws SlurmSourceException {
    if (down) throw unsupported(Endpoint.DATABASE);
  }

  private SlurmSourceException unsupported(Endpoint e) {
    return new SlurmSourceException(ErrorKind.UNSUPPORTED, name(), e, "not part of this fake", null);
  }

  @Override
  public ControllerInfo ping() throws SlurmSourceException {
    throw unsupported(Endpoint.PING);
  }

  @Override
  public List<Node> nodes() throws SlurmSourceException {
    throw unsupported(Endpoint.NODES);
  }

  @Override
  public List<Partition> partitions() throws SlurmSourceException {
    throw unsupported(Endpoint.PARTITIONS);
  }

  @Override
  public List<Job> jobs() throws SlurmSourceException {
    throw unsupported(Endpoint.JOBS);
  }

  @Override
  public List<Reservation> reservations() throws SlurmSourceException {
    throw unsupported(Endpoint.RESERVATIONS);
  }

  @Override
  public List<License> licenses() throws SlurmSourceException {
    throw unsupported(Endpoint.LICENSES);
  }

  @Override
  public SchedulerStats diag() throws SlurmSourceException {
    throw unsupported(Endpoint.DIAG);
  }

  @Override
  public List<FairShare> shares() throws SlurmSourceException {
    throw unsupported(Endpoint.SHARES);
  }

  @Override
  public void close() {}
}
