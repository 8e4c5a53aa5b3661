package io.slurmmetrics.json;

/** Thrown inside the readers for a missing required field; {@link SlurmJson} turns it into a SlurmJsonException. */
final class PayloadError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PayloadError(String detail) {
    super(detail, null, false, false);
  }

  static PayloadError missing(String field, String where) {
    return new PayloadError("missing required field '" + field + "' in " + where);
  }
}
