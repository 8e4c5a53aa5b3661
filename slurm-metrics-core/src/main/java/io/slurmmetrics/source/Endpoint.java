package io.slurmmetrics.source;

import java.util.Locale;

/** The kinds of Slurm data a source can fetch. {@link #label()} is what metrics and logs call it. */
public enum Endpoint {
  PING,
  NODES,
  PARTITIONS,
  JOBS,
  RESERVATIONS,
  LICENSES,
  DIAG,
  SHARES,
  DATABASE,
  ACCOUNTING_JOBS;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }
}
