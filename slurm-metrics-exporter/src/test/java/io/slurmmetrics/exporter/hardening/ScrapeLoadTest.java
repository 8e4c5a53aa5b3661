package io.slurmmetrics.exporter.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmmetrics.testkit.exposition.Exposition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 concurrent scrapers for 60 s on loopback against the packaged exporter jar ({@code --demo}: the simulated
 * cluster behind FakeSlurmrestd, in the exporter's own JVM, refreshing every 5 s), in three 20 s windows. Zero
 * errors allowed; the p50/p99/max latency and the exporter's heap after a full GC ({@code jcmd GC.run}, read from its
 * own {@code jvm_memory_used_bytes{area="heap"}}, taken while no scrape is in flight) at the end of each window are
 * printed and written to
 * {@code target/hardening-load.txt} (docs/reliability.md quotes a run). The heap must not grow from window to window
 * by more than 16 MiB. Tagged {@code e2e}: failsafe runs it in {@code mvn verify}, after the jar is built.
 */
@Tag("e2e")
class ScrapeLoadTest {
  static final int SCRAPERS = 50;
  static final int WINDOWS = 3;
  static final Duration WINDOW = Duration.ofSeconds(20);
  static final long HEAP_GROWTH_LIMIT = 16L * 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void fiftyConcurrentScrapersForAMinuteGetNoErrorAndTheHeapStaysFlat() throws Exception {
    try (ExporterJar exporter = ExporterJar.start(dir, List.of("-Xmx256m"),
        List.of("--demo", "--refresh.interval=5s"))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(8)).build();
      awaitServing(http, exporter);

      ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      ReentrantReadWriteLock quiet = new ReentrantReadWriteLock(true);
      AtomicLong requests = new AtomicLong();
      CountDownLatch done = new CountDownLatch(SCRAPERS);
      ExecutorService scrapers = Executors.newFixedThreadPool(SCRAPERS);
      long[] heapAfterWindow = new long[WINDOWS];
      try {
        for (int i = 0; i < SCRAPERS; i++) {
          scrapers.execute(() -> {
            List<Long> mine = new ArrayList<>();
            try {
              HttpRequest req = HttpRequest.newBuilder(URI.create(exporter.url("/metrics")))
                  .header("X-Prometheus-Scrape-Timeout-Seconds", "10").timeout(Duration.ofSeconds(10)).build();
              while (!stop.get()) {
                quiet.readLock().lock();
                long t0 = System.nanoTime();
                try {
                  HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                  long t = System.nanoTime() - t0;
                  requests.incrementAndGet();
                  if (r.statusCode() != 200 || !r.body().contains("slurm_up{")) {
                    errors.add("HTTP " + r.statusCode() + ": " + r.body().lines().findFirst().orElse(""));
                  } else {
                    mine.add(t);
                  }
                } catch (Exception e) {
                  errors.add(e.toString());
                } finally {
                  quiet.readLock().unlock();
                }
              }
            } finally {
              latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
              done.countDown();
            }
          });
        }
        for (int w = 0; w < WINDOWS; w++) {
          long end = System.nanoTime() + WINDOW.toNanos();
          while (System.nanoTime() < end) {
            LockSupport.parkNanos(Math.min(end - System.nanoTime(), 1_000_000_000L)); // the window's length
          }
          // measure between scrapes: in-flight answers are not retained memory
          quiet.writeLock().lock();
          try {
            exporter.gc();
            heapAfterWindow[w] = heapUsed(http, exporter);
          } finally {
            quiet.writeLock().unlock();
          }
        }
      } finally {
        stop.set(true);
        assertThat(done.await(30, TimeUnit.SECONDS)).as("scrapers stopped").isTrue();
        scrapers.shutdownNow();
      }

      long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      String report = String.format(java.util.Locale.ROOT,
          "%d scrapers x %d s: %d scrapes (%.0f/s), %d errors; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
              + "heap after full GC at 20/40/60 s: %.1f / %.1f / %.1f MiB (-Xmx256m)",
          SCRAPERS, WINDOWS * WINDOW.toSeconds(), requests.get(),
          requests.get() / (double) (WINDOWS * WINDOW.toSeconds()), errors.size(), ms(all, 0.50), ms(all, 0.99),
          all.length == 0 ? 0 : all[all.length - 1] / 1e6, mib(heapAfterWindow[0]), mib(heapAfterWindow[1]),
          mib(heapAfterWindow[2]));
      System.out.println("[hardening] load: " + report);
      Files.writeString(ExporterJar.jar().toAbsolutePath().getParent().resolve("hardening-load.txt"), report + "\n",
          StandardCharsets.UTF_8);

      assertThat(errors).as("errors (first ones)").isEmpty();
      assertThat(all.length).as("successful scrapes").isGreaterThan(SCRAPERS);
      for (int w = 1; w < WINDOWS; w++) {
        assertThat(heapAfterWindow[w] - heapAfterWindow[0]).as("heap growth by window %d: %s", w + 1, report)
            .isLessThan(HEAP_GROWTH_LIMIT);
      }
      assertThat(exporter.process.isAlive()).isTrue();
    }
  }

  private static void awaitServing(HttpClient http, ExporterJar exporter) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(exporter.url("/-/ready")))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (java.io.IOException e) {
        // not listening yet
      }
      assertThat(exporter.process.isAlive()).as(exporter.output()).isTrue();
      LockSupport.parkNanos(200_000_000L); // pace of the poll
    }
    throw new AssertionError("exporter not ready within 60 s:\n" + exporter.output());
  }

  private static long heapUsed(HttpClient http, ExporterJar exporter) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(exporter.url("/metrics?name%5B%5D="
        + "jvm_memory_used_bytes"))).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return (long) Exposition.parse(r.body()).value("jvm_memory_used_bytes", "area", "heap");
  }

  private static double ms(long[] sorted, double q) {
    if (sorted.length == 0) return 0;
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
