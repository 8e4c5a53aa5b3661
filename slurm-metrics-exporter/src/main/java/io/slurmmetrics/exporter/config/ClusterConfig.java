package io.slurmmetrics.exporter.config;

import io.slurmmetrics.metrics.CollectorGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Slurm cluster to export, as the flags and the config file describe it.
 *
 * @param name            the {@code cluster} label and {@code ?cluster=} name; empty means Slurm's ClusterName
 * @param source          {@code rest} or {@code cli}
 * @param restUrl         slurmrestd: {@code http://}, {@code https://} or {@code unix:/path}
 * @param restUser        sent as {@code X-SLURM-USER-NAME}
 * @param tokenFile       file holding the JWT; without it {@code SLURM_JWT} from the environment is used
 * @param caFile          CA certificate(s) to trust for an {@code https} slurmrestd (default: the JVM's trust store)
 * @param apiVersion      pin a REST API version ({@code v0.0.42}); empty negotiates the newest both sides speak
 * @param cliBinDir       directory of {@code sinfo}, {@code squeue}, ... for the CLI source; empty means PATH
 * @param slurmConf       {@code SLURM_CONF} for the CLI source
 * @param collectors      groups switched on or off; groups not listed keep their default
 * @param labels          constant labels added to every series of this cluster
 * @param refreshInterval how often the snapshot is refreshed
 * @param accountingStateFile where the finished-job counters keep their position across restarts (none: count from
 *                        the start)
 * @param nodeMaxNodes    the largest cluster whose per-node series are on without {@code node} switched on
 *                        explicitly ({@code --collector.node.max-nodes}, {@code collector_node_max_nodes})
 */
public record ClusterConfig(Optional<String> name, String source, Optional<String> restUrl,
    Optional<String> restUser, Optional<Path> tokenFile, Optional<Path> caFile, Optional<String> apiVersion, Optional<Path> cliBinDir,
    Optional<Path> slurmConf, Map<CollectorGroup, Boolean> collectors, Map<String, String> labels,
    Duration refreshInterval, Optional<Path> accountingStateFile, int nodeMaxNodes) {

  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);

  public ClusterConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(restUrl, "restUrl");
    Objects.requireNonNull(restUser, "restUser");
    Objects.requireNonNull(tokenFile, "tokenFile");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(cliBinDir, "cliBinDir");
    Objects.requireNonNull(slurmConf, "slurmConf");
    collectors = Map.copyOf(collectors);
    labels = Map.copyOf(labels);
    Objects.requireNonNull(refreshInterval, "refreshInterval");
    Objects.requireNonNull(accountingStateFile, "accountingStateFile");
    if (nodeMaxNodes < 1) throw new IllegalArgumentException("nodeMaxNodes must be at least 1: " + nodeMaxNodes);
  }

  /** A cluster with the default per-node threshold. */
  public ClusterConfig(Optional<String> name, String source, Optional<String> restUrl, Optional<String> restUser,
      Optional<Path> tokenFile, Optional<Path> caFile, Optional<String> apiVersion, Optional<Path> cliBinDir,
      Optional<Path> slurmConf, Map<CollectorGroup, Boolean> collectors, Map<String, String> labels,
      Duration refreshInterval, Optional<Path> accountingStateFile) {
    this(name, source, restUrl, restUser, tokenFile, caFile, apiVersion, cliBinDir, slurmConf, collectors, labels,
        refreshInterval, accountingStateFile, CollectorGroup.NODE_SERIES_MAX_NODES_DEFAULT);
  }

  /** A cluster without an accounting state file. */
  public ClusterConfig(Optional<String> name, String source, Optional<String> restUrl, Optional<String> restUser,
      Optional<Path> tokenFile, Optional<Path> caFile, Optional<String> apiVersion, Optional<Path> cliBinDir,
      Optional<Path> slurmConf, Map<CollectorGroup, Boolean> collectors, Map<String, String> labels,
      Duration refreshInterval) {
    this(name, source, restUrl, restUser, tokenFile, caFile, apiVersion, cliBinDir, slurmConf, collectors, labels,
        refreshInterval, Optional.empty());
  }

  /** What logs and the landing page call this cluster before Slurm told us its name. */
  public String displayName() {
    return name.orElseGet(() -> source.equals("cli") ? "cli" : restUrl.orElse(source));
  }
}
