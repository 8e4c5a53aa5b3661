package io.slurmmetrics.json;

/**
 * A response that cannot be read into the model: not JSON, truncated, or a required field missing. The message is one
 * line naming the endpoint, the API version and the field or position.
 */
public final class SlurmJsonException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final String apiVersion;

  public SlurmJsonException(String endpoint, String apiVersion, String detail, Throwable cause) {
    super(endpoint + " (" + (apiVersion.isEmpty() ? "unknown API version" : apiVersion) + "): " + detail, cause);
    this.endpoint = endpoint;
    this.apiVersion = apiVersion;
  }

  /** The endpoint label ({@code nodes}, {@code accounting_jobs}). */
  public String endpoint() {
    return endpoint;
  }

  /** The API version the response was read as ({@code v0.0.38}, {@code cli}), or empty when not known. */
  public String apiVersion() {
    return apiVersion;
  }
}
