package io.slurmmetrics.exporter.cluster;

import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.source.SlurmSource;

/** Opens the {@link SlurmSource} a cluster's config describes. */
@FunctionalInterface
public interface SourceFactory {

  /**
   * @throws ConfigException when the config cannot make a source (bad URL, unreadable token file); a Slurm that is
   *     merely down is not an error here: it shows as {@code slurm_up 0}
   */
  SlurmSource open(ClusterConfig config) throws ConfigException;
}
