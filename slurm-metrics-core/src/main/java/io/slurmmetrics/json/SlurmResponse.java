package io.slurmmetrics.json;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A decoded Slurm response: the data plus what every response carries. {@link #errors()} non-empty means Slurm
 * reported a failure even when the HTTP status (or exit code) said success.
 *
 * @param lastUpdate the response's {@code last_update} (epoch seconds), to feed back as {@code update_time}
 */
public record SlurmResponse<T>(T data, ResponseMeta meta, List<SlurmMessage> errors, List<SlurmMessage> warnings,
    OptionalLong lastUpdate) {
  public SlurmResponse {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(meta, "meta");
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(lastUpdate, "lastUpdate");
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** True when a warning says the list is unchanged since {@code update_time} (26.05 jobs). */
  public boolean unchangedSinceUpdateTime() {
    for (SlurmMessage w : warnings) {
      String text = (w.description() + " " + w.error()).toLowerCase(java.util.Locale.ROOT);
      if (text.contains("no") && text.contains("changes since update_time")) return true;
    }
    return false;
  }
}
