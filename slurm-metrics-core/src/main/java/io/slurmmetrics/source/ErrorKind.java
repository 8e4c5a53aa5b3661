package io.slurmmetrics.source;

import java.util.Locale;

/** Why a fetch failed; {@link #label()} is the {@code kind} label of the error counter. */
public enum ErrorKind {
  /** 401/403/511, or a Slurm auth error (bad, expired or missing token). */
  AUTH,
  /** Connection refused, unknown host, socket missing, binary missing. */
  UNREACHABLE,
  /** No complete answer within the configured timeout. */
  TIMEOUT,
  /** The answer could not be read: truncated, not JSON, a required field missing, too large. */
  BAD_PAYLOAD,
  /** Slurm answered with {@code errors[]} (errno and description kept in the message). */
  SLURM_ERROR,
  /** An HTTP status or exit code not covered above. */
  HTTP_STATUS,
  /** This source or Slurm version cannot provide this endpoint (22.05 has no {@code sdiag --json}). */
  UNSUPPORTED;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The lower-case name, as the {@code kind} label. */
  public String label() {
    return label;
  }
}
