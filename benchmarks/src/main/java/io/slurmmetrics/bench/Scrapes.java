package io.slurmmetrics.bench;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.slurmmetrics.metrics.MergedCollector;
import io.slurmmetrics.metrics.SlurmCollector;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Serving and scraping {@code /metrics}. {@link #exporter} serves with the exporter's own HTTP server and handler
 * (what users get: {@code ExporterServer}, 4 threads, Nagle off, the Slurm families encoded once per snapshot);
 * {@link #serve} with client_java's handler alone (every family encoded on every scrape), kept for the upstream run
 * and for comparison.
 */
final class Scrapes {
  /** System property: where the exporter module's compiled classes are (default: from the repository root). */
  static final String EXPORTER_CLASSES = "bench.exporter.classes";

  private Scrapes() {}

  /** A running server and the URI of its {@code /metrics}. */
  interface Server extends Closeable {
    URI uri();

    @Override
    void close();
  }

  /**
   * The exporter's {@code ExporterServer} on a free loopback port serving {@code registry}, with {@code collector}
   * as its one cluster (as the exporter's cluster set splits a scrape: a combined collector's parts).
   *
   * <p>The exporter module's jar is shaded (client_java relocated), so its unshaded classes are loaded from the
   * module's {@code target/classes} in a class loader whose parent is this one: client_java and core are shared, and
   * only JDK and core types cross. {@code scripts/bench} builds that module.
   */
  static Server exporter(PrometheusRegistry registry, SlurmCollector collector) throws IOException {
    Path classes = Path.of(System.getProperty(EXPORTER_CLASSES, "slurm-metrics-exporter/target/classes"));
    if (!Files.isDirectory(classes.resolve("io/slurmmetrics/exporter/http"))) {
      throw new IllegalStateException("the exporter's classes are not at " + classes.toAbsolutePath()
          + ": build slurm-metrics-exporter (scripts/bench does) or set -D" + EXPORTER_CLASSES);
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Scrapes.class.getClassLoader());
    MergedCollector cluster = new MergedCollector(List.of(collector));
    try {
      Class<?> selection = loader.loadClass("io.slurmmetrics.exporter.http.ClusterSelection");
      Object clusters = Proxy.newProxyInstance(loader, new Class<?>[] {selection}, (proxy, m, args) ->
          switch (m.getName()) {
            case "views" -> List.of();
            case "knows" -> false;
            case "ready" -> true;
            case "scrapeParts" -> {
              @SuppressWarnings("unchecked")
              Predicate<String> names = (Predicate<String>) args[0];
              yield Optional.of(cluster.collectParts(names, (PrometheusScrapeRequest) args[1]));
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "bench cluster";
            default -> throw new UnsupportedOperationException(m.getName());
          });
      Object address = loader.loadClass("io.slurmmetrics.exporter.config.ListenAddress")
          .getMethod("parse", String.class).invoke(null, "127.0.0.1:0");
      Object web = loader.loadClass("io.slurmmetrics.exporter.web.WebConfig").getMethod("none").invoke(null);
      Class<?> serverClass = loader.loadClass("io.slurmmetrics.exporter.http.ExporterServer");
      Method start = null;
      for (Method m : serverClass.getMethods()) {
        if (m.getName().equals("start") && m.getParameterCount() == 6) start = m;
      }
      if (start == null) throw new IllegalStateException("ExporterServer.start(6 arguments) not found");
      Closeable server = (Closeable) start.invoke(null, address, "/metrics", web, registry, clusters, "bench");
      int port = (int) serverClass.getMethod("port").invoke(server);
      URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
      return new Server() {
        @Override
        public URI uri() {
          return uri;
        }

        @Override
        public void close() {
          try {
            server.close();
            loader.close();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      };
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the exporter's server did not start: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the exporter's classes do not match this benchmark: " + e, e);
    }
  }

  /** client_java's metrics handler on a fixed pool of 4 threads (queued beyond), Nagle off, as a server. */
  static Server clientJava(PrometheusRegistry registry) throws IOException {
    HTTPServer server = serve(registry);
    URI uri = uri(server);
    return new Server() {
      @Override
      public URI uri() {
        return uri;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  /** client_java's metrics handler on a fixed pool of 4 threads (queued beyond), Nagle off. */
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
    return scrape(uri, false);
  }

  /**
   * One scrape as Prometheus' text-format request, with {@code Accept-Encoding: gzip} when {@code gzip} (as
   * Prometheus always asks; the body is read compressed, as it travels); the bytes read. Fails on anything but 200.
   */
  static long scrape(URI uri, boolean gzip) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(60_000);
    c.setReadTimeout(180_000);
    c.setRequestProperty("Accept", "text/plain; version=0.0.4");
    if (gzip) c.setRequestProperty("Accept-Encoding", "gzip");
    long n = 0;
    try (InputStream in = c.getInputStream()) {
      byte[] buf = new byte[64 * 1024];
      for (int r; (r = in.read(buf)) > 0; ) n += r;
    }
    if (c.getResponseCode() != 200) throw new IOException("scrape answered HTTP " + c.getResponseCode());
    return n;
  }
}
