package io.slurmmetrics.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A compute node as slurmctld sees it.
 *
 * @param gresTotal configured generic resources by {@code name[:type]} ({@code gpu:a100} -> 4)
 * @param gresUsed  generic resources in use, same keys
 * @param cpuLoad   one-minute load average (not Slurm's load x 100), empty when Slurm does not know it
 * @param reason    why the node is drained/down, or the empty string
 */
public record Node(
    String name,
    State state,
    String reason,
    int cpusTotal,
    int cpusAllocated,
    OptionalDouble cpuLoad,
    long memoryTotalBytes,
    long memoryAllocatedBytes,
    OptionalLong memoryFreeBytes,
    Map<String, Long> gresTotal,
    Map<String, Long> gresUsed,
    List<String> partitions,
    List<String> features) {

  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(cpuLoad, "cpuLoad");
    Objects.requireNonNull(memoryFreeBytes, "memoryFreeBytes");
    gresTotal = Map.copyOf(gresTotal);
    gresUsed = Map.copyOf(gresUsed);
    partitions = List.copyOf(partitions);
    features = List.copyOf(features);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** GPUs configured on this node, all types together. */
  public long gpusTotal() {
    return Gres.gpus(gresTotal);
  }

  /** GPUs in use on this node, all types together. */
  public long gpusAllocated() {
    return Gres.gpus(gresUsed);
  }

  /** CPUs neither allocated nor otherwise unavailable, as far as this node alone tells. */
  public int cpusIdle() {
    return Math.max(0, cpusTotal - cpusAllocated);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.state = state;
    b.reason = reason;
    b.cpusTotal = cpusTotal;
    b.cpusAllocated = cpusAllocated;
    b.cpuLoad = cpuLoad;
    b.memoryTotalBytes = memoryTotalBytes;
    b.memoryAllocatedBytes = memoryAllocatedBytes;
    b.memoryFreeBytes = memoryFreeBytes;
    b.gresTotal = gresTotal;
    b.gresUsed = gresUsed;
    b.partitions = partitions;
    b.features = features;
    return b;
  }

  public static final class Builder {
    private final String name;
    private State state = State.UNKNOWN;
    private String reason = "";
    private int cpusTotal;
    private int cpusAllocated;
    private OptionalDouble cpuLoad = OptionalDouble.empty();
    private long memoryTotalBytes;
    private long memoryAllocatedBytes;
    private OptionalLong memoryFreeBytes = OptionalLong.empty();
    private Map<String, Long> gresTotal = Map.of();
    private Map<String, Long> gresUsed = Map.of();
    private List<String> partitions = List.of();
    private List<String> features = List.of();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder state(State state) { this.state = state; return this; }
    public Builder reason(String reason) { this.reason = reason == null ? "" : reason; return this; }
    public Builder cpusTotal(int v) { this.cpusTotal = v; return this; }
    public Builder cpusAllocated(int v) { this.cpusAllocated = v; return this; }
    public Builder cpuLoad(OptionalDouble v) { this.cpuLoad = v; return this; }
    public Builder memoryTotalBytes(long v) { this.memoryTotalBytes = v; return this; }
    public Builder memoryAllocatedBytes(long v) { this.memoryAllocatedBytes = v; return this; }
    public Builder memoryFreeBytes(OptionalLong v) { this.memoryFreeBytes = v; return this; }
    public Builder gresTotal(Map<String, Long> v) { this.gresTotal = v; return this; }
    public Builder gresUsed(Map<String, Long> v) { this.gresUsed = v; return this; }
    public Builder partitions(List<String> v) { this.partitions = v; return this; }
    public Builder features(List<String> v) { this.features = v; return this; }

    public Node build() {
      return new Node(name, state, reason, cpusTotal, cpusAllocated, cpuLoad, memoryTotalBytes,
          memoryAllocatedBytes, memoryFreeBytes, gresTotal, gresUsed, partitions, features);
    }
  }
}
