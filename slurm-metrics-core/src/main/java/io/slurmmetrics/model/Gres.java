package io.slurmmetrics.model;

import java.util.Map;

/** Arithmetic over GRES maps keyed {@code name[:type]}. */
public final class Gres {
  private Gres() {}

  /** Sum of every {@code gpu} and {@code gpu:<type>} entry. */
  public static long gpus(Map<String, Long> gres) {
    long sum = 0;
    for (Map.Entry<String, Long> e : gres.entrySet()) {
      String k = e.getKey();
      if (k.equals("gpu") || k.startsWith("gpu:")) sum += e.getValue();
    }
    return sum;
  }
}
