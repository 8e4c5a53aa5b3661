package io.slurmmetrics.metrics;

import io.slurmmetrics.model.Node;
import io.slurmmetrics.model.Partition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Partition, cluster and node families: resources as sinfo counts them. */
final class ResourceFamilies {
  private ResourceFamilies() {}

  /**
   * Node-based partition figures like {@code sinfo %C}/{@code %F}: a node in two partitions counts in both. Members
   * are the partition's node list united with the nodes naming the partition (sources differ in which they fill).
   */
  static void partitions(List<Partition> partitions, List<Node> nodes, FamilySet fs) {
    Map<String, Node> byName = new HashMap<>();
    for (Node n : nodes) byName.put(n.name(), n);
    Map<String, Set<String>> members = new LinkedHashMap<>();
    for (Partition p : partitions) members.computeIfAbsent(p.name(), k -> new LinkedHashSet<>()).addAll(p.nodes());
    for (Node n : nodes) {
      for (String p : n.partitions()) {
        Set<String> m = members.get(p);
        if (m != null) m.add(n.name());
      }
    }
    for (Map.Entry<String, Set<String>> e : members.entrySet()) {
      String p = e.getKey();
      long cpusTotal = 0, cpusAlloc = 0, cpusIdle = 0, cpusOther = 0, memTotal = 0, memAlloc = 0;
      long nodesTotal = 0, nodesIdle = 0, gpusTotal = 0, gpusAlloc = 0;
      for (String name : e.getValue()) {
        Node n = byName.get(name);
        if (n == null) continue; // listed but unknown to the node endpoint: sinfo skips it as well
        nodesTotal++;
        cpusTotal += n.cpusTotal();
        cpusAlloc += n.cpusAllocated();
        long rest = Math.max(0, n.cpusTotal() - n.cpusAllocated());
        if (unusable(n)) cpusOther += rest;
        else cpusIdle += rest;
        if (idleForSinfo(n)) nodesIdle++;
        memTotal += n.memoryTotalBytes();
        memAlloc += n.memoryAllocatedBytes();
        gpusTotal += n.gpusTotal();
        gpusAlloc += n.gpusAllocated();
      }
      fs.add("slurm_partition_cpus_total", cpusTotal, p);
      fs.add("slurm_partition_cpus_allocated", cpusAlloc, p);
      fs.add("slurm_partition_cpus_idle", cpusIdle, p);
      fs.add("slurm_partition_cpus_other", cpusOther, p);
      fs.add("slurm_partition_memory_total_bytes", memTotal, p);
      fs.add("slurm_partition_memory_allocated_bytes", memAlloc, p);
      fs.add("slurm_partition_nodes_total", nodesTotal, p);
      fs.add("slurm_partition_nodes_idle", nodesIdle, p);
      fs.add("slurm_partition_gpus_total", gpusTotal, p);
      fs.add("slurm_partition_gpus_allocated", gpusAlloc, p);
    }
  }

  /** sinfo puts the unallocated CPUs of drained and down nodes in "other", not "idle". */
  static boolean unusable(Node n) {
    return n.state().has("DRAIN") || n.state().is("DOWN") || n.state().is("DRAINED") || n.state().is("DRAINING");
  }

  /** sinfo's node "idle" count: neither allocated/mixed/completing nor drained/down. */
  static boolean idleForSinfo(Node n) {
    boolean allocLike = n.state().is("ALLOCATED") || n.state().is("MIXED") || n.state().has("COMPLETING")
        || n.state().is("DRAINING");
    return !allocLike && !unusable(n);
  }

  static void cluster(List<Node> nodes, FamilySet fs) {
    long cpusTotal = 0, cpusAlloc = 0, memTotal = 0, memAlloc = 0, gpusTotal = 0, gpusAlloc = 0;
    for (Node n : nodes) {
      cpusTotal += n.cpusTotal();
      cpusAlloc += n.cpusAllocated();
      memTotal += n.memoryTotalBytes();
      memAlloc += n.memoryAllocatedBytes();
      gpusTotal += n.gpusTotal();
      gpusAlloc += n.gpusAllocated();
    }
    fs.add("slurm_cluster_cpus_total", cpusTotal);
    fs.add("slurm_cluster_cpus_allocated", cpusAlloc);
    fs.add("slurm_cluster_memory_total_bytes", memTotal);
    fs.add("slurm_cluster_memory_allocated_bytes", memAlloc);
    fs.add("slurm_cluster_gpus_total", gpusTotal);
    fs.add("slurm_cluster_gpus_allocated", gpusAlloc);
  }

  static void nodes(List<Node> nodes, FamilySet fs) {
    fs.declare("slurm_nodes_total");
    for (Node n : nodes) fs.add("slurm_nodes_total", 1, SlurmStates.nodeState(n.state()));
    if (!fs.isEnabled("slurm_node_cpus_total")) return; // per-node group off: skip 8 x nodes label sanitisations
    for (Node n : nodes) {
      String name = n.name();
      fs.add("slurm_node_cpus_total", n.cpusTotal(), name);
      fs.add("slurm_node_cpus_allocated", n.cpusAllocated(), name);
      fs.add("slurm_node_memory_total_bytes", n.memoryTotalBytes(), name);
      fs.add("slurm_node_memory_allocated_bytes", n.memoryAllocatedBytes(), name);
      fs.add("slurm_node_gpus_total", n.gpusTotal(), name);
      fs.add("slurm_node_gpus_allocated", n.gpusAllocated(), name);
      if (n.cpuLoad().isPresent()) fs.add("slurm_node_cpu_load", n.cpuLoad().getAsDouble(), name);
      fs.add("slurm_node_state_info", 1, name, SlurmStates.nodeState(n.state()), n.reason());
    }
  }
}
