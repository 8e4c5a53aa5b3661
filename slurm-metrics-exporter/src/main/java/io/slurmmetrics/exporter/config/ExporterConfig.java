package io.slurmmetrics.exporter.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Everything the exporter needs to run, resolved from flags, the config file and the environment. Immutable.
 *
 * @param listenAddress  where the HTTP server listens
 * @param telemetryPath  the metrics path, {@code /metrics}
 * @param webConfigFile  exporter-toolkit web config (TLS, basic auth), if any
 * @param logLevel       java.util.logging level of our loggers
 * @param demo           run the simulated cluster instead of (no) real ones
 * @param clusters       the clusters to export; at least one unless {@code demo}
 */
public record ExporterConfig(ListenAddress listenAddress, String telemetryPath, Optional<Path> webConfigFile,
    Level logLevel, boolean demo, List<ClusterConfig> clusters) {

  public ExporterConfig {
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(telemetryPath, "telemetryPath");
    Objects.requireNonNull(webConfigFile, "webConfigFile");
    Objects.requireNonNull(logLevel, "logLevel");
    clusters = List.copyOf(clusters);
  }
}
