package io.slurmmetrics.source;

import io.slurmmetrics.model.AccountingJob;
import io.slurmmetrics.model.ControllerInfo;
import io.slurmmetrics.model.FairShare;
import io.slurmmetrics.model.Job;
import io.slurmmetrics.model.License;
import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import io.slurmmetrics.model.Reservation;
import io.slurmmetrics.model.SchedulerStats;
import java.io.Closeable;
import java.time.Instant;
import java.util.List;

/**
 * One Slurm cluster's data, fetched on demand. Every call does I/O and may block up to the source's timeout.
 *
 * <p>Implementations are thread-safe, but callers are expected to fetch each endpoint from one thread at a time
 * (the snapshot layer does). A source may answer from its own cache when Slurm says nothing changed
 * ({@code update_time}); the result is then the previous, still current, list.
 */
public interface SlurmSource extends Closeable {

  /** A short, token-free description for logs and labels: {@code rest http://ctl:6820}, {@code cli}. */
  String name();

  /** {@code rest} or {@code cli}. */
  String type();

  ControllerInfo ping() throws SlurmSourceException;

  List<Node> nodes() throws SlurmSourceException;

  List<Partition> partitions() throws SlurmSourceException;

  List<Job> jobs() throws SlurmSourceException;

  List<Reservation> reservations() throws SlurmSourceException;

  List<License> licenses() throws SlurmSourceException;

  SchedulerStats diag() throws SlurmSourceException;

  List<FairShare> shares() throws SlurmSourceException;

  /** Succeeds when slurmdbd answers (through slurmrestd or {@code sacctmgr}). */
  void pingDatabase() throws SlurmSourceException;

  /** Jobs from the accounting database whose end time lies in {@code [endedFrom, endedTo]}. */
  List<AccountingJob> accountingJobs(Instant endedFrom, Instant endedTo) throws SlurmSourceException;

  @Override
  void close();
}
