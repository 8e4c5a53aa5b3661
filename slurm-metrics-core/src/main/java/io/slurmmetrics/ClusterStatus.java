package io.slurmmetrics;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.time.Instant;

/**
 * What the landing page and readiness probe show for one cluster: an immutable view of the last refresh.
 *
 * @param clusterName  the {@code cluster} label value (Slurm's ClusterName unless overridden; the source name until
 *                     the first successful ping)
 * @param lastAttempt  when the last refresh finished (successfully or not), empty before the first
 * @param lastSuccess  when the last refresh in which every enabled endpoint answered finished
 * @param up           per endpoint label ({@code nodes}, {@code jobs}, ...): did it answer in the last refresh
 * @param ready        the first refresh has finished (whatever its outcome)
 * @param lastError    the last failure's one-line message (never a token), empty when the last refresh was clean
 */
public record ClusterStatus(String clusterName, Optional<Instant> lastAttempt, Optional<Instant> lastSuccess,
    Map<String, Boolean> up, boolean ready, Optional<String> lastError) {

  public ClusterStatus {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    up = Map.copyOf(up);
    Objects.requireNonNull(lastError, "lastError");
  }

  /** True when every endpoint answered in the last refresh. */
  public boolean healthy() {
    return ready && !up.isEmpty() && !up.containsValue(false);
  }
}
