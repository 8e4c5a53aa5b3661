package io.slurmmetrics.exporter.http;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The encoded per-snapshot part of {@code /metrics}, one slot per kind of response ({@link Variant}), valid while the
 * families it was encoded from are the very objects a scrape gets. Families are compared by identity and held
 * weakly: a new snapshot means new objects (a miss), and a replaced snapshot is never kept alive by the cache. A miss
 * encodes once while concurrent scrapes of the same kind wait for it, rather than all encoding the same bytes.
 */
final class EncodedCache {

  /**
   * Everything besides the families that decides the bytes.
   *
   * @param cluster  the {@code ?cluster=} value, null for all clusters (keeps their slots apart)
   * @param names    the sorted {@code name[]} values, null when none were given
   * @param writer   the negotiated format's writer (client_java keeps one instance per format)
   * @param escaping the negotiated name escaping
   * @param gzip     whether the part is stored as a gzip head
   */
  record Variant(String cluster, List<String> names, ExpositionFormatWriter writer, EscapingScheme escaping,
      boolean gzip) {}

  /**
   * One encoded part: plain bytes or a gzip head, and the names of the families in it (a live family must not
   * repeat one of them).
   */
  record Encoded(byte[] plain, GzipJoin.Head gzip, Set<String> families) {}

  private final int maxSlots;
  private final LinkedHashMap<Variant, Slot> slots = new LinkedHashMap<>(16, 0.75f, true); // guarded by this
  private final AtomicLong encodings = new AtomicLong();

  EncodedCache(int maxSlots) {
    this.maxSlots = maxSlots;
  }

  /** The bytes for {@code variant} and these families, encoded by {@code encoder} unless they are cached. */
  Encoded get(Variant variant, List<MetricSnapshots> families, Supplier<Encoded> encoder) {
    Slot slot;
    synchronized (this) {
      slot = slots.computeIfAbsent(variant, v -> new Slot());
      if (slots.size() > maxSlots) { // least recently used first; name[] filters can make many kinds
        Iterator<Map.Entry<Variant, Slot>> it = slots.entrySet().iterator();
        while (slots.size() > maxSlots && it.hasNext()) {
          if (it.next().getValue() != slot) it.remove();
        }
      }
    }
    return slot.get(families, encoder);
  }

  /** How many times a part was encoded (a cache miss): the seam that tests use to see a scrape reuse bytes. */
  long encodings() {
    return encodings.get();
  }

  private final class Slot {
    private List<WeakReference<MetricSnapshots>> sources = List.of(); // guarded by this
    private Encoded encoded; // guarded by this

    synchronized Encoded get(List<MetricSnapshots> families, Supplier<Encoded> encoder) {
      if (encoded != null && same(families)) return encoded;
      encoded = null; // the stale bytes go before the new ones are made, not after
      Encoded e = encoder.get();
      encodings.incrementAndGet();
      List<WeakReference<MetricSnapshots>> refs = new ArrayList<>(families.size());
      for (MetricSnapshots f : families) refs.add(new WeakReference<>(f));
      sources = refs;
      encoded = e;
      return e;
    }

    private boolean same(List<MetricSnapshots> families) {
      if (families.size() != sources.size()) return false;
      for (int i = 0; i < families.size(); i++) {
        if (sources.get(i).get() != families.get(i)) return false;
      }
      return true;
    }
  }
}
