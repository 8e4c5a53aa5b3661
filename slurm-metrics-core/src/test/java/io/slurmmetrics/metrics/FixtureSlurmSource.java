package io.slurmmetrics.metrics;

import io.slurmmetrics.json.SlurmJson;
import io.slurmmetrics.json.SlurmResponse;
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
import io.slurmmetrics.testkit.FixtureSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okio.Buffer;

/**
 * A source over one recorded fixture set that prefers the CLI's {@code --json} captures (taken right before the text
 * views the tests compare with) and falls back to the newest REST recording where the CLI has none (22.05 has no
 * scontrol or sdiag JSON). Reads through the core's JSON readers, like the real sources.
 */
final class FixtureSlurmSource implements SlurmSource {
  interface Reader<T> {
    SlurmResponse<T> read(Buffer in, String apiVersion) throws Exception;
  }

  private final FixtureSet set;
  private final String newestApi;

  FixtureSlurmSource(FixtureSet set) {
    this.set = set;
    List<String> apis = set.apiVersions();
    this.newestApi = apis.get(apis.size() - 1);
  }

  /** The file each endpoint is read from, in order of preference; what exists wins. */
  Optional<String> fileFor(Endpoint e) {
    List<String> candidates = switch (e) {
      case PING -> List.of(rest("slurm", "ping"));
      case NODES -> List.of("cli/scontrol-nodes.json", "cli/sinfo.json", rest("slurm", "nodes"));
      case PARTITIONS -> List.of("cli/scontrol-partitions.json", rest("slurm", "partitions"));
      // squeue --json lists finished jobs only in 22.05; scontrol's JSON (24.11+) has them all, like squeue -t all
      case JOBS -> List.of("cli/scontrol-jobs.json", "cli/squeue.json", rest("slurm", "jobs"));
      case RESERVATIONS -> List.of("cli/scontrol-reservations.json", rest("slurm", "reservations"));
      case LICENSES -> List.of("cli/scontrol-licenses.json", rest("slurm", "licenses"));
      case DIAG -> List.of("cli/sdiag.json", rest("slurm", "diag"));
      case SHARES -> List.of("cli/sshare.json", rest("slurm", "shares"));
      // recorded apart (scripts/record-fixtures steps) while a known set of jobs with steps ran
      case STEPS -> List.of("cli/sacct-running.json", rest("slurmdb", "jobs-running"));
      default -> List.of();
    };
    return candidates.stream().filter(set::has).findFirst();
  }

  private String rest(String plugin, String endpoint) {
    return "rest/" + newestApi + "/" + plugin + "/" + endpoint + ".json";
  }

  private <T> T read(Endpoint e, Reader<T> reader) throws SlurmSourceException {
    String file = fileFor(e).orElseThrow(() -> new SlurmSourceException(ErrorKind.UNSUPPORTED, name(), e,
        "not recorded for Slurm " + set.slurmVersion(), null));
    try {
      Buffer b = new Buffer().write(set.bytes(file));
      SlurmResponse<T> r = reader.read(b, file.startsWith("rest/") ? newestApi : "cli");
      return r.data();
    } catch (Exception ex) {
      throw new SlurmSourceException(ErrorKind.BAD_PAYLOAD, name(), e, file + ": " + ex.getMessage(), ex);
    }
  }

  @Override
  public String name() {
    return "fixtures " + set.slurmVersion();
  }

  @Override
  public String type() {
    return "cli";
  }

  @Override
  public ControllerInfo ping() throws SlurmSourceException {
    return read(Endpoint.PING, SlurmJson::ping);
  }

  @Override
  public List<Node> nodes() throws SlurmSourceException {
    return read(Endpoint.NODES, SlurmJson::nodes);
  }

  @Override
  public List<Partition> partitions() throws SlurmSourceException {
    return read(Endpoint.PARTITIONS, SlurmJson::partitions);
  }

  @Override
  public List<Job> jobs() throws SlurmSourceException {
    return read(Endpoint.JOBS, SlurmJson::jobs);
  }

  @Override
  public List<Reservation> reservations() throws SlurmSourceException {
    return read(Endpoint.RESERVATIONS, SlurmJson::reservations);
  }

  @Override
  public List<License> licenses() throws SlurmSourceException {
    return read(Endpoint.LICENSES, SlurmJson::licenses);
  }

  @Override
  public SchedulerStats diag() throws SlurmSourceException {
    return read(Endpoint.DIAG, SlurmJson::diag);
  }

  @Override
  public List<FairShare> shares() throws SlurmSourceException {
    return read(Endpoint.SHARES, SlurmJson::shares);
  }

  @Override
  public List<JobStep> steps() throws SlurmSourceException {
    return read(Endpoint.STEPS, SlurmJson::steps);
  }

  @Override
  public void pingDatabase() {}

  @Override
  public List<AccountingJob> accountingJobs(Instant from, Instant to) {
    return List.of();
  }

  @Override
  public void close() {}
}
