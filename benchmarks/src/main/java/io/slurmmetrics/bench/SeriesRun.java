package io.slurmmetrics.bench;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.accounting.AccountingOptions;
import io.slurmmetrics.accounting.AccountingProvider;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.source.rest.RestSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Counts the samples one scrape of the scale cluster carries (as Prometheus counts them against
 * {@code sample_limit}: every line of the text format that is not a comment) with the default configuration (no
 * collector named, as a user who configures nothing gets it), per family, and what switching each collector group
 * away from its default adds or removes. The per-node group is on by default but left out above 5,000 nodes, so at
 * this scale both of its switches are reported: {@code --no-collector.node} (no change here) and
 * {@code --collector.node}, which forces it on at any size. Accounting families are included: the poller reads the
 * last hour of the history first (their label sets, not their values, set the count). One fetch (REST v0.0.44)
 * serves every configuration.
 */
public final class SeriesRun {
  private SeriesRun() {}

  public static void main(String[] args) throws Exception {
    try (RestSource rest = Clients.source("v0.0.44", false)) {
      CachedSource source = new CachedSource(rest);
      Map<String, Integer> defaults = samples(source, b -> b);
      int total = sum(defaults);
      Figures.print("series.default", total);
      defaults.forEach((family, n) -> Figures.print("series.family." + family, n));
      for (CollectorGroup g : CollectorGroup.values()) {
        if (g.enabledByDefault()) {
          Figures.print("series.switch.off." + g.label(), sum(samples(source, b -> b.disable(g))) - total);
        }
        // an explicit enable also forces the per-node group on above its default cluster size
        if (!g.enabledByDefault() || g == CollectorGroup.NODE) {
          Figures.print("series.switch.on." + g.label(), sum(samples(source, b -> b.enable(g))) - total);
        }
      }
    }
  }

  private static int sum(Map<String, Integer> perFamily) {
    return perFamily.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Samples per family of one scrape, the library configured by {@code config} from its defaults. */
  static Map<String, Integer> samples(CachedSource source, UnaryOperator<SlurmMetrics.Builder> config)
      throws IOException, InterruptedException {
    Instant now = Scenario.NOW.plusSeconds(1);
    AccountingProvider accounting = new AccountingProvider(AccountingOptions.builder()
        .countFrom(Scenario.NOW.minus(Duration.ofHours(1)))
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .build());
    SlurmMetrics metrics = config.apply(SlurmMetrics.builder()
        .source(source)
        .refreshInterval(Duration.ofHours(1))
        .scrapeTimeout(Duration.ofMinutes(2))
        .familyProvider(accounting))
        .build();
    try {
      metrics.start();
      if (metrics.enabledGroups().contains(CollectorGroup.ACCOUNTING)) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (accounting.poller().map(p -> p.status().lastSuccess().isEmpty()).orElse(true)) {
          if (System.nanoTime() > deadline) throw new IllegalStateException("accounting never polled successfully");
          Thread.sleep(50); // waiting for a background poll to finish, with a deadline (not synchronising a test)
        }
      }
      MetricSnapshots scrape = metrics.collect(Duration.ofMinutes(2));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, scrape);
      return count(out.toString(StandardCharsets.UTF_8));
    } finally {
      metrics.close();
    }
  }

  /** Sample lines per family, the family taken from the preceding {@code # TYPE} line. */
  static Map<String, Integer> count(String exposition) {
    Map<String, Integer> out = new TreeMap<>();
    String family = "";
    for (String line : exposition.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        family = line.split(" ")[2];
        out.putIfAbsent(family, 0);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        out.merge(family, 1, Integer::sum);
      }
    }
    return out;
  }
}
