package io.slurmmetrics.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.testkit.exposition.Exposition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Renders snapshots with client_java's own text writer, as an HTTP scrape would, and parses them back. */
public final class Text {
  private Text() {}

  public static String of(MetricSnapshots snapshots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public static Exposition parse(MetricSnapshots snapshots) {
    return Exposition.parse(of(snapshots));
  }
}
