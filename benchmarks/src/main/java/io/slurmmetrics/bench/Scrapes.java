package io.slurmmetrics.bench;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serving and scraping {@code /metrics} the way the exporter does: client_java's handler on 4 HTTP threads of the
 * JDK server, Nagle off.
 */
final class Scrapes {
  private Scrapes() {}

  /** Like the exporter's server: client_java's metrics handler on a fixed pool of 4 threads (queued beyond). */
  static HTTPServer serve(PrometheusRegistry registry) throws IOException {
    // as the exporter's ExporterServer does: without it every scrape waits ~40 ms for a delayed ACK (Nagle)
    if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    AtomicInteger n = new AtomicInteger();
    return HTTPServer.builder()
        .hostname("127.0.0.1")
        .port(0)
        .registry(registry)
        .executorService(Executors.newFixedThreadPool(4, r -> {
          Thread t = new Thread(r, "bench-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }))
        .buildAndStart();
  }

  static URI uri(HTTPServer server) {
    return URI.create("http://127.0.0.1:" + server.getPort() + "/metrics");
  }

  /** One scrape, the whole body read; its size. Fails on anything but 200. */
  static long scrape(URI uri) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(60_000);
    c.setReadTimeout(180_000);
    c.setRequestProperty("Accept", "text/plain; version=0.0.4");
    long n = 0;
    try (InputStream in = c.getInputStream()) {
      byte[] buf = new byte[64 * 1024];
      for (int r; (r = in.read(buf)) > 0; ) n += r;
    }
    if (c.getResponseCode() != 200) throw new IOException("scrape answered HTTP " + c.getResponseCode());
    return n;
  }
}
