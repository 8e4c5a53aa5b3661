package io.slurmmetrics.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Trackable resources ({@code cpu=2,mem=1000M,node=1,gres/gpu:tesla=2}), the version-independent way Slurm states
 * what a job asked for or was given.
 *
 * <p>Keys are Slurm's {@code type} or {@code type/name} ({@code cpu}, {@code mem}, {@code gres/gpu},
 * {@code gres/gpu:tesla}); memory ({@code mem}) is held in bytes.
 */
public record Tres(Map<String, Long> counts) {

  /** No resources. */
  public static final Tres EMPTY = new Tres(Map.of());

  /** Keeps the order; copies the map. */
  public Tres {
    Objects.requireNonNull(counts, "counts");
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** The count for a key ({@code gres/gpu:a100}), 0 when absent. */
  public long get(String key) {
    Long v = counts.get(key);
    return v == null ? 0 : v;
  }

  /** {@code cpu}. */
  public long cpus() {
    return get("cpu");
  }

  /** {@code mem}, in bytes. */
  public long memoryBytes() {
    return get("mem");
  }

  /** {@code node}. */
  public long nodes() {
    return get("node");
  }

  /** GPUs of any type: {@code gres/gpu} when present, otherwise the sum of the typed {@code gres/gpu:*} entries. */
  public long gpus() {
    Long untyped = counts.get("gres/gpu");
    if (untyped != null) return untyped;
    long sum = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey().startsWith("gres/gpu:")) sum += e.getValue();
    }
    return sum;
  }

  /** True when nothing is counted. */
  public boolean isEmpty() {
    return counts.isEmpty();
  }
}
