package io.slurmmetrics.exporter.config;

/**
 * A flag, config file or web config that cannot be used. The message is one line for an operator: it names the flag
 * or the file, line and key, and says what was expected. The standalone exporter prints it and exits with status 2.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
