package io.slurmmetrics.model;

import java.util.List;
import java.util.Objects;

/**
 * A partition and the nodes in it. Partition resource figures are derived from its nodes (as {@code sinfo} does),
 * so only the membership and configuration live here.
 *
 * @param state    {@code UP}, {@code DOWN}, {@code DRAIN}, {@code INACTIVE} or a token Slurm added later
 * @param nodes    expanded node names
 * @param totalCpus what slurmctld reports for the partition (may differ from the node sum on odd configs)
 */
public record Partition(String name, String state, List<String> nodes, int totalCpus, int totalNodes,
    boolean isDefault) {

  /** Fails fast on null fields; copies the node list. */
  public Partition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    nodes = List.copyOf(nodes);
  }
}
