package io.slurmmetrics.exporter.cluster;

import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.source.SlurmSource;
import java.util.Map;

/** The standard {@link SourceFactory}: slurmrestd or the command line, from core's source builders. */
public final class Sources implements SourceFactory {
  private final Map<String, String> env;

  /** @param env the environment ({@code SLURM_JWT} is read from it when no token file is configured) */
  public Sources(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public SlurmSource open(ClusterConfig config) throws ConfigException {
    throw new ConfigException("cluster " + config.displayName() + ": source " + config.source()
        + " is not available in this build");
  }
}
