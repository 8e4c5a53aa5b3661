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

  public static final Tres EMPTY = new Tres(Map.of());

  public Tres {
    Objects.requireNonNull(counts, "counts");
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  public long get(String key) {
    Long v = counts.get(key);
    return v == null ? 0 : v;
  }

  public long cpus() {
    return get("cpu");
  }

  public long memoryBytes() {
    return get("mem");
  }

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

  public boolean isEmpty() {
    return counts.isEmpty();
  }
}
