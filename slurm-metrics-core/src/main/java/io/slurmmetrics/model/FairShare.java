package io.slurmmetrics.model;

import java.util.Objects;

/**
 * One row of {@code sshare}: an account association ({@code user} empty) or a user association under it.
 *
 * @param fairShare the fair-share factor 0..1 (sshare's {@code FairShare} column)
 */
public record FairShare(String account, String user, long rawShares, double normalizedShares, long rawUsage,
    double effectiveUsage, double fairShare) {
  public FairShare {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(user, "user");
  }

  public boolean isUser() {
    return !user.isEmpty();
  }
}
