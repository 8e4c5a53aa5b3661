package io.slurmmetrics.exporter.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.HttpErrorHandlingPolicy;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.exporter.config.ListenAddress;
import io.slurmmetrics.exporter.web.BcryptAuthenticator;
import io.slurmmetrics.exporter.web.TlsSetup;
import io.slurmmetrics.exporter.web.WebConfig;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The exporter's HTTP(S) server on the JDK's {@code com.sun.net.httpserver}: {@code /} landing page, the telemetry
 * path (client_java's scrape protocol: gzip, OpenMetrics, protobuf, {@code name[]}; the Slurm families encoded once
 * per snapshot), {@code /-/healthy}, {@code /-/ready}. Basic auth
 * and TLS from the web config apply to every path, as in exporter-toolkit.
 */
public final class ExporterServer implements Closeable {
  private static final Logger LOG = Logger.getLogger(ExporterServer.class.getName());
  static final String CLUSTER_PARAM = "cluster";

  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean tls;

  private ExporterServer(HttpServer server, ExecutorService executor, boolean tls) {
    this.server = server;
    this.executor = executor;
    this.tls = tls;
  }

  private static final String NODELAY = "sun.net.httpserver.nodelay";

  /**
   * Binds and starts serving.
   *
   * @throws ConfigException when the web config's TLS material cannot be used
   * @throws IOException     when the address cannot be bound (in use, no permission)
   */
  public static ExporterServer start(ListenAddress address, String telemetryPath, WebConfig web,
      PrometheusRegistry registry, ClusterSelection clusters, String version) throws ConfigException, IOException {
    Objects.requireNonNull(registry, "registry");
    InetSocketAddress socket = address.socketAddress();
    // The JDK server leaves Nagle on: the last segment of each response waits for the scraper's delayed ACK, ~40 ms
    // per scrape (the issue-9 bench: p50 44 -> 8 ms with 20 scrapers). Read once when the JDK's server classes load,
    // so it is set before the first HttpServer.create; an explicit -Dsun.net.httpserver.nodelay is left alone.
    if (System.getProperty(NODELAY) == null) System.setProperty(NODELAY, "true");
    HttpServer server;
    if (web.tls().isPresent()) {
      HttpsServer https = HttpsServer.create(socket, 128);
      https.setHttpsConfigurator(TlsSetup.configurator(web.tls().get()));
      server = https;
    } else {
      server = HttpServer.create(socket, 128);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "slurm-metrics-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);

    Authenticator auth = web.basicAuth().isEmpty() ? null : new BcryptAuthenticator("slurm-metrics", web.basicAuth());
    List<Filter> filters = new ArrayList<>();
    if (!web.headers().isEmpty()) filters.add(new HeadersFilter(web.headers()));

    // the client library answers a failed scrape with a generic 500 (never a stack trace); we log the cause once
    Consumer<Exception> reporter = e -> LOG.log(Level.WARNING, "scrape failed: " + e, e);
    MetricsHandler uncached = new MetricsHandler(PrometheusProperties.get(), registry, HttpErrorHandlingPolicy.builder()
        .errorReporter(reporter).build());
    // the Slurm families of a snapshot are encoded once, not on every scrape (see CachedMetricsHandler)
    HttpHandler metrics = new CachedMetricsHandler(PrometheusProperties.get(), registry, clusters, uncached, reporter);
    add(server, "/", guarded(new LandingPage(version, telemetryPath, clusters)), auth, filters);
    add(server, telemetryPath, guarded(new MetricsEndpoint(metrics, clusters)), auth, filters);
    add(server, "/-/healthy", guarded(exchange -> Responses.text(exchange, 200, "OK\n")), auth, filters);
    add(server, "/-/ready", guarded(exchange -> {
      if (clusters.ready()) {
        Responses.text(exchange, 200, "Ready\n");
      } else {
        Responses.text(exchange, 503, "Not ready: waiting for the first refresh of every cluster\n");
      }
    }), auth, filters);
    server.start();
    return new ExporterServer(server, executor, web.tls().isPresent());
  }

  private static void add(HttpServer server, String path, HttpHandler handler, Authenticator auth,
      List<Filter> filters) {
    HttpContext ctx = server.createContext(path, handler);
    if (auth != null) ctx.setAuthenticator(auth);
    ctx.getFilters().addAll(filters);
  }

  /** Never a stack trace as a response: log it and answer 500 if nothing was sent yet. */
  private static HttpHandler guarded(HttpHandler handler) {
    return exchange -> {
      try {
        handler.handle(exchange);
      } catch (IOException e) {
        LOG.log(Level.FINE, "HTTP client went away: " + e);
        exchange.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "HTTP " + exchange.getRequestURI().getPath() + " failed: " + e, e);
        try {
          Responses.text(exchange, 500, "internal error, see the exporter's log\n");
        } catch (IOException | RuntimeException ignored) {
          exchange.close();
        }
      }
    };
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  public boolean tls() {
    return tls;
  }

  /** Stops accepting, lets running exchanges finish for up to a second, stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** First value of a query parameter, decoded; null when absent. */
  static List<String> queryValues(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    List<String> out = new ArrayList<>();
    if (query == null) return out;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (k.equals(name)) out.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static final class HeadersFilter extends Filter {
    private final Map<String, String> headers;

    HeadersFilter(Map<String, String> headers) {
      this.headers = headers;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      chain.doFilter(exchange);
    }

    @Override
    public String description() {
      return "web config response headers";
    }
  }
}
