package io.slurmmetrics.bench;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.snapshot.ClusterSnapshot;
import io.slurmmetrics.source.rest.RestSource;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 50 scrapers hammer {@code /metrics} (client_java's handler on 4 threads, as the exporter serves it) for several refresh
 * intervals while the bench server counts the requests that reach "slurmrestd". The library is configured as
 * shipped (update_time on): the first refresh reads everything, the later ones are answered "unchanged". Prints the
 * requests per endpoint per refresh (must be exactly 1) and the refreshes seen.
 */
public final class UpstreamRun {
  static final int SCRAPERS = 50;
  static final Duration INTERVAL = Duration.ofSeconds(5);
  static final int INTERVALS = 4;

  private UpstreamRun() {}

  public static void main(String[] args) throws Exception {
    Clients.get("/bench/reset");
    try (RestSource source = Clients.source("v0.0.44", true)) {
      SlurmMetrics metrics = Clients.metrics(source, INTERVAL).build();
      PrometheusRegistry registry = new PrometheusRegistry();
      metrics.register(registry);
      try (HTTPServer server = Scrapes.serve(registry)) {
        URI uri = Scrapes.uri(server);
        Set<Instant> refreshes = ConcurrentHashMap.newKeySet();
        AtomicLong scrapes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + INTERVAL.multipliedBy(INTERVALS).toNanos();
        CountDownLatch done = new CountDownLatch(SCRAPERS);
        // every snapshot lives at least one interval; a watcher polling 50 times per interval sees each of them
        Thread watcher = new Thread(() -> {
          while (done.getCount() > 0) {
            metrics.collector().refresher().latest().map(ClusterSnapshot::takenAt).ifPresent(refreshes::add);
            try {
              Thread.sleep(INTERVAL.toMillis() / 50); // a sampling period, not synchronisation
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "refresh-watcher");
        watcher.setDaemon(true);
        watcher.start();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < SCRAPERS; i++) {
          Thread t = new Thread(() -> {
            try {
              while (System.nanoTime() < end) {
                if (scrape(uri)) scrapes.incrementAndGet();
                else failures.incrementAndGet();
              }
            } finally {
              done.countDown();
            }
          }, "scraper-" + i);
          threads.add(t);
          t.start();
        }
        done.await();
        watcher.join();
        metrics.collector().refresher().latest().map(ClusterSnapshot::takenAt).ifPresent(refreshes::add);
        Map<String, Integer> counts = counts();
        int n = refreshes.size();
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
          if (!e.getKey().startsWith("/slurm")) continue;
          max = Math.max(max, (double) e.getValue() / n);
          min = Math.min(min, (double) e.getValue() / n);
          Figures.print("upstream.requests." + e.getKey().replace('/', '_'), e.getValue());
        }
        Figures.print("upstream.refreshes", n);
        Figures.print("upstream.scrapes", scrapes.get());
        Figures.print("upstream.failed_scrapes", failures.get());
        Figures.print("upstream.max_requests_per_endpoint_per_refresh", max);
        Figures.print("upstream.min_requests_per_endpoint_per_refresh", min);
      } finally {
        metrics.close();
      }
    }
  }

  private static boolean scrape(URI uri) {
    try {
      Scrapes.scrape(uri);
      return true;
    } catch (IOException e) {
      System.err.println("scrape failed: " + e);
      return false;
    }
  }

  private static Map<String, Integer> counts() throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    Matcher m = Pattern.compile("\"([^\"]+)\":(\\d+)").matcher(Clients.get("/bench/counts"));
    while (m.find()) out.put(m.group(1), Integer.parseInt(m.group(2)));
    return out;
  }
}
