package io.slurmmetrics.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as {@link FakeSlurmrestd} received it.
 *
 * @param path    the decoded path without the query ({@code /slurm/v0.0.38/nodes})
 * @param query   decoded query parameters, first value per name ({@code update_time} -> {@code 1700000000})
 * @param headers header values by lower-case name
 */
public record FakeRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers) {
  /** Copies the maps; fails on null method or path. */
  public FakeRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A decoded query parameter ({@code update_time}). */
  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(query.get(name));
  }
}
