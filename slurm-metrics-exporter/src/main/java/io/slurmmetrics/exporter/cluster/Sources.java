package io.slurmmetrics.exporter.cluster;

import io.slurmmetrics.exporter.config.ClusterConfig;
import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.source.SlurmSource;
import io.slurmmetrics.source.cli.CliSource;
import io.slurmmetrics.source.rest.RestSource;
import java.time.Duration;

/**
 * The standard {@link SourceFactory}: slurmrestd through core's {@link RestSource} (token from the file, else
 * {@code SLURM_JWT} from the environment), or the command line.
 */
public final class Sources implements SourceFactory {
  /** A request may take at most this long; slurmctld's own MessageTimeout is 10 s by default. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Override
  public SlurmSource open(ClusterConfig config) throws ConfigException {
    try {
      return config.source().equals("cli") ? cli(config) : rest(config);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException("cluster " + config.displayName() + ": " + e.getMessage(), e);
    }
  }

  private static SlurmSource rest(ClusterConfig c) throws ConfigException {
    RestSource.Builder b = RestSource.builder()
        .url(c.restUrl().orElseThrow(() -> new ConfigException("cluster " + c.displayName() + ": no url")))
        .timeout(TIMEOUT);
    c.restUser().ifPresent(b::user);
    c.tokenFile().ifPresent(b::tokenFile);
    c.caFile().ifPresent(b::caCertificate);
    c.apiVersion().ifPresent(b::apiVersion);
    c.name().ifPresent(b::clusterName);
    return b.build();
  }

  private static SlurmSource cli(ClusterConfig c) {
    CliSource.Builder b = CliSource.builder().timeout(TIMEOUT);
    c.cliBinDir().ifPresent(b::binDir);
    c.slurmConf().ifPresent(b::slurmConf);
    c.name().ifPresent(b::clusterName);
    return b.build();
  }
}
