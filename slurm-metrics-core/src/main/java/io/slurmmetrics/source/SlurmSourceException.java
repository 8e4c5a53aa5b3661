package io.slurmmetrics.source;

import java.util.Objects;

/**
 * A failed fetch. The message is one line meant for operators: it names the source, the endpoint and the cause,
 * and never contains a token.
 */
public final class SlurmSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String source;
  private final Endpoint endpoint;
  private final int slurmErrno;

  public SlurmSourceException(ErrorKind kind, String source, Endpoint endpoint, String detail, Throwable cause) {
    this(kind, source, endpoint, detail, 0, cause);
  }

  public SlurmSourceException(ErrorKind kind, String source, Endpoint endpoint, String detail, int slurmErrno,
      Throwable cause) {
    super(source + " " + endpoint.label() + ": " + kind.label() + ": " + detail, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.source = Objects.requireNonNull(source, "source");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.slurmErrno = slurmErrno;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The source's name, e.g. {@code rest http://ctl:6820} or {@code cli /usr/bin}. */
  public String source() {
    return source;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** Slurm's errno when Slurm reported the error ({@code 7000} slurmdbd down), else 0. */
  public int slurmErrno() {
    return slurmErrno;
  }
}
