package io.slurmmetrics.model;

import java.util.Objects;

/**
 * One row of {@code sshare}: an account association ({@code user} empty) or a user association under it.
 *
 * @param fairShare the fair-share factor 0..1 (sshare's {@code FairShare} column)
 */
public record FairShare(String account, String user, long rawShares, double normalizedShares, long rawUsage,
    double effectiveUsage, double fairShare) {
  /** Fails fast on null names. */
  public FairShare {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(user, "user");
  }

  /** True for a user association, false for an account. */
  public boolean isUser() {
    return !user.isEmpty();
  }
}
