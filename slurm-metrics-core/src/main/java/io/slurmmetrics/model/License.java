package io.slurmmetrics.model;

import java.util.Objects;

/** A cluster license pool ({@code Licenses=} in slurm.conf, or a remote license from slurmdbd). */
public record License(String name, long total, long used, long free, long reserved, boolean remote) {
  /** Fails fast on a null name. */
  public License {
    Objects.requireNonNull(name, "name");
  }
}
