package io.slurmmetrics.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EncodedCacheTest {
  private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();
  private static final EncodedCache.Encoded BYTES = new EncodedCache.Encoded(new byte[] {1}, null, Set.of());

  private static EncodedCache.Variant variant(String cluster) {
    return new EncodedCache.Variant(cluster, null, TEXT, EscapingScheme.DEFAULT, false);
  }

  @Test
  void theSameFamilyObjectsAreEncodedOnceAnEqualButNewOneAgain() {
    EncodedCache cache = new EncodedCache(4);
    MetricSnapshots snapshot = new MetricSnapshots();

    cache.get(variant(null), List.of(snapshot), () -> BYTES);
    cache.get(variant(null), List.of(snapshot), () -> BYTES);
    assertThat(cache.encodings()).isEqualTo(1);

    cache.get(variant(null), List.of(new MetricSnapshots()), () -> BYTES); // equal content, another snapshot
    assertThat(cache.encodings()).isEqualTo(2);
  }

  @Test
  void moreKindsOfAnswerThanSlotsDropTheLeastRecentlyUsed() {
    EncodedCache cache = new EncodedCache(2);
    List<MetricSnapshots> families = List.of(new MetricSnapshots());

    cache.get(variant("a"), families, () -> BYTES);
    cache.get(variant("b"), families, () -> BYTES);
    cache.get(variant("a"), families, () -> BYTES); // a is now the most recent
    cache.get(variant("c"), families, () -> BYTES); // drops b
    assertThat(cache.encodings()).isEqualTo(3);

    cache.get(variant("a"), families, () -> BYTES);
    assertThat(cache.encodings()).as("a was kept").isEqualTo(3);
    cache.get(variant("b"), families, () -> BYTES);
    assertThat(cache.encodings()).as("b was dropped").isEqualTo(4);
  }
}
