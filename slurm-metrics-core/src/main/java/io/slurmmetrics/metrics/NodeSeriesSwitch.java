package io.slurmmetrics.metrics;

import io.slurmmetrics.model.Node;
import io.slurmmetrics.snapshot.ClusterSnapshot;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Leaves the per-node group ({@link CollectorGroup#NODE}) out of a snapshot's families when the cluster has more
 * nodes than the threshold and the group is on only by default (not enabled explicitly). At 10,000 nodes the 8
 * per-node families alone are 80,000 samples, over a typical {@code sample_limit} of 50,000.
 *
 * <p>Decided per snapshot on the refresh thread; a snapshot without a node list (the endpoint failed) keeps the last
 * decision. Each change is logged once, not on every refresh.
 */
final class NodeSeriesSwitch {
  private static final System.Logger LOG = System.getLogger(NodeSeriesSwitch.class.getName());

  private final Set<CollectorGroup> configured;
  private final boolean automatic;
  private final int maxNodes;
  private boolean suppressed; // guarded by this

  /**
   * @param configured the groups switched on
   * @param explicit   the groups the user named (flag, config file, {@code enable}, {@code collectors})
   * @param maxNodes   the largest cluster that gets per-node series by default (at least 1)
   */
  NodeSeriesSwitch(Set<CollectorGroup> configured, Set<CollectorGroup> explicit, int maxNodes) {
    this.configured = Set.copyOf(configured);
    this.automatic = configured.contains(CollectorGroup.NODE) && !explicit.contains(CollectorGroup.NODE);
    this.maxNodes = maxNodes;
  }

  /** The groups to render snapshot {@code s} with; logs when the per-node group switches. */
  synchronized Set<CollectorGroup> groupsFor(ClusterSnapshot s) {
    if (automatic) {
      Optional<List<Node>> nodes = s.nodes();
      if (nodes.isPresent()) {
        int count = nodes.get().size();
        boolean over = count > maxNodes;
        if (over != suppressed) {
          suppressed = over;
          LOG.log(System.Logger.Level.INFO, message(s.clusterName(), count));
        }
      }
    }
    return current();
  }

  /** The groups in effect after the last decision (the configured ones before the first snapshot). */
  synchronized Set<CollectorGroup> current() {
    if (!suppressed) return configured;
    EnumSet<CollectorGroup> out = EnumSet.copyOf(configured);
    out.remove(CollectorGroup.NODE);
    return out;
  }

  private String message(String cluster, int count) {
    if (suppressed) {
      return "slurm-metrics: cluster " + cluster + " has " + count + " nodes, more than the per-node threshold of "
          + maxNodes + ": per-node families (slurm_node_*) are left out (slurm_exporter_collector_enabled"
          + "{collector=\"node\"} 0); --collector.node (enable(CollectorGroup.NODE)) forces them on, "
          + "--collector.node.max-nodes=N (nodeSeriesMaxNodes) raises the threshold";
    }
    return "slurm-metrics: cluster " + cluster + " has " + count + " nodes, within the per-node threshold of "
        + maxNodes + ": per-node families (slurm_node_*) are back on";
  }
}
