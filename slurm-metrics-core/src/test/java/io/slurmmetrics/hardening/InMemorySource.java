package io.slurmmetrics.hardening;

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
import java.time.Instant;
import java.util.List;

/** A cluster held in memory: what a property test generated, served as if Slurm had answered it. */
record InMemorySource(String clusterName, List<Node> nodes, List<Partition> partitions, List<Job> jobs,
    List<Reservation> reservations, List<License> licenses) implements SlurmSource {

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String type() {
    return "rest";
  }

  @Override
  public ControllerInfo ping() {
    return new ControllerInfo(clusterName, "26.05.5", "v0.0.45", true);
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
  public void pingDatabase() throws SlurmSourceException {
    throw unsupported(Endpoint.DATABASE);
  }

  @Override
  public List<AccountingJob> accountingJobs(Instant endedFrom, Instant endedTo) throws SlurmSourceException {
    throw unsupported(Endpoint.ACCOUNTING_JOBS);
  }

  private SlurmSourceException unsupported(Endpoint e) {
    return new SlurmSourceException(ErrorKind.UNSUPPORTED, name(), e, "not generated", null);
  }

  @Override
  public void close() {}
}
