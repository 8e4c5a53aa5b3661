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

  /** Fails fast on null fields; copies the maps and lists. */
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

  /** A builder; fields not set keep their defaults (empty, zero, UNKNOWN). */
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

  /** A builder holding this node's values, to derive a changed copy. */
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

  /** Builds a {@link Node}; not thread-safe. */
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

    /** Sets {@link Node#state()}. */
    public Builder state(State state) { this.state = state; return this; }
    /** Sets {@link Node#reason()}. */
    public Builder reason(String reason) { this.reason = reason == null ? "" : reason; return this; }
    /** Sets {@link Node#cpusTotal()}. */
    public Builder cpusTotal(int v) { this.cpusTotal = v; return this; }
    /** Sets {@link Node#cpusAllocated()}. */
    public Builder cpusAllocated(int v) { this.cpusAllocated = v; return this; }
    /** Sets {@link Node#cpuLoad()}. */
    public Builder cpuLoad(OptionalDouble v) { this.cpuLoad = v; return this; }
    /** Sets {@link Node#memoryTotalBytes()}. */
    public Builder memoryTotalBytes(long v) { this.memoryTotalBytes = v; return this; }
    /** Sets {@link Node#memoryAllocatedBytes()}. */
    public Builder memoryAllocatedBytes(long v) { this.memoryAllocatedBytes = v; return this; }
    /** Sets {@link Node#memoryFreeBytes()}. */
    public Builder memoryFreeBytes(OptionalLong v) { this.memoryFreeBytes = v; return this; }
    /** Sets {@link Node#gresTotal()}. */
    public Builder gresTotal(Map<String, Long> v) { this.gresTotal = v; return this; }
    /** Sets {@link Node#gresUsed()}. */
    public Builder gresUsed(Map<String, Long> v) { this.gresUsed = v; return this; }
    /** Sets {@link Node#partitions()}. */
    public Builder partitions(List<String> v) { this.partitions = v; return this; }
    /** Sets {@link Node#features()}. */
    public Builder features(List<String> v) { this.features = v; return this; }

    /** The immutable value. */
    public Node build() {
      return new Node(name, state, reason, cpusTotal, cpusAllocated, cpuLoad, memoryTotalBytes,
          memoryAllocatedBytes, memoryFreeBytes, gresTotal, gresUsed, partitions, features);
    }
  }
}
