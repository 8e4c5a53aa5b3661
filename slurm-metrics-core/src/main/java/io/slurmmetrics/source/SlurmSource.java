package io.slurmmetrics.source;

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

  /** Whether the controller answers, with the cluster name, Slurm version and API version when known. */
  ControllerInfo ping() throws SlurmSourceException;

  /** Every node slurmctld knows. */
  List<Node> nodes() throws SlurmSourceException;

  /** Every partition; {@link ErrorKind#UNSUPPORTED} where the source cannot list them (22.05 CLI). */
  List<Partition> partitions() throws SlurmSourceException;

  /** Every job slurmctld holds: pending, running and recently finished. */
  List<Job> jobs() throws SlurmSourceException;

  /** Every advance reservation, active or future. */
  List<Reservation> reservations() throws SlurmSourceException;

  /** Every license pool. */
  List<License> licenses() throws SlurmSourceException;

  /** slurmctld's scheduler statistics ({@code sdiag}). */
  SchedulerStats diag() throws SlurmSourceException;

  /** The fair-share tree ({@code sshare -a}); unsupported before REST v0.0.40 and the 22.05 CLI. */
  List<FairShare> shares() throws SlurmSourceException;

  /** Succeeds when slurmdbd answers (through slurmrestd or {@code sacctmgr}). */
  void pingDatabase() throws SlurmSourceException;

  /** Jobs from the accounting database whose end time lies in {@code [endedFrom, endedTo]}. */
  List<AccountingJob> accountingJobs(Instant endedFrom, Instant endedTo) throws SlurmSourceException;

  /**
   * The steps of the running jobs as slurmdbd knows them ({@code sacct -s R}), finished steps of running jobs
   * included. By default {@link ErrorKind#UNSUPPORTED}: a source that cannot list steps only loses the step families.
   */
  default List<JobStep> steps() throws SlurmSourceException {
    throw new SlurmSourceException(ErrorKind.UNSUPPORTED, name(), Endpoint.STEPS,
        "this source does not list job steps", null);
  }

  /** Releases connections and threads; never throws. */
  @Override
  void close();
}
