package io.slurmmetrics.json;

import java.util.Objects;

/**
 * A response's {@code meta} ({@code meta.Slurm} up to v0.0.38, {@code meta.slurm} after; {@code plugin} or
 * {@code plugins}).
 *
 * @param slurmRelease the release string ({@code 22.05.8}), or empty
 * @param clusterName  {@code meta.slurm.cluster} (v0.0.39+), or empty
 * @param pluginType   {@code openapi/v0.0.38}, {@code openapi/slurmctld}, ... or empty
 * @param dataParser   {@code data_parser/v0.0.42} (v0.0.40+), or empty
 */
public record ResponseMeta(String slurmRelease, String clusterName, String pluginType, String dataParser) {
  public static final ResponseMeta EMPTY = new ResponseMeta("", "", "", "");

  public ResponseMeta {
    Objects.requireNonNull(slurmRelease, "slurmRelease");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(pluginType, "pluginType");
    Objects.requireNonNull(dataParser, "dataParser");
  }
}
