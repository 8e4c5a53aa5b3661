package io.slurmmetrics.model;

import java.util.Objects;

/**
 * What a ping tells: who the cluster is and whether its controller answers.
 *
 * @param apiVersion the REST API version in use ({@code v0.0.42}), or {@code cli} for the command line source
 */
public record ControllerInfo(String clusterName, String slurmVersion, String apiVersion, boolean controllerResponding) {
  /** Fails fast on null fields. */
  public ControllerInfo {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(slurmVersion, "slurmVersion");
    Objects.requireNonNull(apiVersion, "apiVersion");
  }
}
