package io.slurmmetrics.snapshot;

import io.slurmmetrics.source.SlurmSourceException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one endpoint gave in one refresh: its data, or the failure as a value.
 *
 * @param duration how long the fetch took
 */
public final class EndpointResult<T> {
  private final T value;
  private final SlurmSourceException failure;
  private final Duration duration;

  private EndpointResult(T value, SlurmSourceException failure, Duration duration) {
    this.value = value;
    this.failure = failure;
    this.duration = Objects.requireNonNull(duration, "duration");
  }

  /** The endpoint answered with {@code value}. */
  public static <T> EndpointResult<T> ok(T value, Duration duration) {
    return new EndpointResult<>(Objects.requireNonNull(value, "value"), null, duration);
  }

  /** The endpoint failed; kept as a value so the snapshot still forms and the failure reaches the metrics. */
  public static <T> EndpointResult<T> failed(SlurmSourceException failure, Duration duration) {
    return new EndpointResult<>(null, Objects.requireNonNull(failure, "failure"), duration);
  }

  /** True when the endpoint answered. */
  public boolean isOk() {
    return failure == null;
  }

  /** The data, empty when the fetch failed. */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /** Why the fetch failed, empty when it answered. */
  public Optional<SlurmSourceException> failure() {
    return Optional.ofNullable(failure);
  }

  /** How long the fetch took, success or not. */
  public Duration duration() {
    return duration;
  }

  @Override
  public String toString() {
    return isOk() ? "ok(" + duration.toMillis() + " ms)" : "failed(" + failure.getMessage() + ")";
  }
}
