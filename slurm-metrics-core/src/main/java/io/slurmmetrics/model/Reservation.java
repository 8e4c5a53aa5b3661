package io.slurmmetrics.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** An advance reservation. {@code active} is a question of time: see {@link #isActiveAt(Instant)}. */
public record Reservation(String name, List<String> nodes, int nodeCount, int coreCount, Instant startTime,
    Instant endTime, Set<String> flags, String partition, String users, String accounts) {

  /** Fails fast on null fields; copies the node list and flags. */
  public Reservation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(endTime, "endTime");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(accounts, "accounts");
    nodes = List.copyOf(nodes);
    flags = Set.copyOf(flags);
  }

  /** Whether {@code now} lies in {@code [startTime, endTime)}. */
  public boolean isActiveAt(Instant now) {
    return !now.isBefore(startTime) && now.isBefore(endTime);
  }
}
