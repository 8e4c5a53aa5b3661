package io.slurmmetrics.exporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.ExporterFilterProperties;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.OpenMetrics2TextFormatWriter;
import io.prometheus.metrics.model.registry.MetricNameFilter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.slurmmetrics.metrics.ScrapeParts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The telemetry path's handler: client_java's scrape protocol (format negotiation, name escaping, {@code name[]},
 * gzip, HEAD), with the Slurm families of each snapshot encoded once and their bytes reused until the next snapshot.
 * At 10,000 nodes one text scrape is ~5 MB; encoding it on every scrape cost ~70 ms of CPU, and concurrent scrapers
 * queued behind each other.
 *
 * <p>A body is the cached part (the families {@link ScrapeParts#perSnapshot()} holds, encoded for this format,
 * escaping, filter and compression) followed by the live part encoded now: the clusters' health, self and accounting
 * families and every other collector of the registry (JVM metrics). Text and protobuf bodies concatenate; the
 * OpenMetrics {@code # EOF} of the cached part is cut so the body has one, at its end; gzip joins a cached compressed
 * head to a freshly compressed tail ({@link GzipJoin}). When the selection cannot split, a family name would be in
 * both parts, or a debug view is asked for, client_java's own handler serves the request, uncached.
 */
final class CachedMetricsHandler implements HttpHandler {
  private static final byte[] OPENMETRICS_EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);
  private static final String OPENMETRICS_TYPE = "application/openmetrics-text";
  private static final byte[] ERROR_BODY = "An internal error occurred while scraping metrics; see the exporter's log.\n"
      .getBytes(StandardCharsets.UTF_8);

  private final PrometheusRegistry registry;
  private final ClusterSelection clusters;
  private final HttpHandler uncached;
  private final Consumer<Exception> errorReporter;
  private final ExpositionFormats formats;
  private final Predicate<String> configuredFilter;
  private final boolean preferUncompressed;
  private final EncodedCache cache = new EncodedCache(16);

  /**
   * @param uncached      client_java's handler over the same registry, for what is not cached
   * @param errorReporter told about a failed scrape (the answer is a generic 500, never the exception)
   */
  CachedMetricsHandler(PrometheusProperties properties, PrometheusRegistry registry, ClusterSelection clusters,
      HttpHandler uncached, Consumer<Exception> errorReporter) {
    this.registry = registry;
    this.clusters = clusters;
    this.uncached = uncached;
    this.errorReporter = errorReporter;
    this.formats = ExpositionFormats.init(properties);
    this.configuredFilter = configuredFilter(properties.getExporterFilterProperties());
    this.preferUncompressed = properties.getExporterHttpServerProperties().isPreferUncompressedResponse();
  }

  /** How many times the per-snapshot part was encoded (a miss); for tests. */
  long encodings() {
    return cache.encodings();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    // client_java's view of the request: the collectors read ?cluster= and the scrape timeout header from it
    PrometheusHttpRequest request = new HttpExchangeAdapter(exchange).getRequest();
    String[] names;
    try {
      names = request.getParameterValues("name[]");
      if (request.getParameter("debug") != null) {
        uncached.handle(exchange); // a human's view, not worth a cache slot
        return;
      }
    } catch (RuntimeException badQuery) { // client_java answers a malformed query with its 400
      uncached.handle(exchange);
      return;
    }
    boolean sent = false;
    try {
      Predicate<String> filter = filter(names);
      Optional<ScrapeParts> split = clusters.scrapeParts(filter, request);
      if (split.isEmpty()) {
        uncached.handle(exchange);
        return;
      }
      ScrapeParts parts = split.get();
      String accept = request.getHeader("Accept");
      ExpositionFormatWriter writer = formats.findWriter(accept);
      EscapingScheme escaping = EscapingScheme.fromAcceptHeader(accept, defaultEscaping(writer, accept));
      boolean gzip = !preferUncompressed && acceptsGzip(request.getHeaders("Accept-Encoding"));

      EncodedCache.Encoded cached = parts.perSnapshot().isEmpty() ? null
          : cache.get(variant(request, names, writer, escaping, gzip), parts.perSnapshot(),
              () -> encode(parts.perSnapshotFamilies(filter), writer, escaping, gzip));
      Set<String> declared = parts.declared();
      MetricSnapshots others = registry.scrape(name -> filter.test(name) && !declared.contains(name), request);
      Optional<MetricSnapshots> live = live(parts.live(), others, cached == null ? Set.of() : cached.families());
      if (live.isEmpty()) { // a family in both parts would be invalid exposition: serve it the slow, correct way
        uncached.handle(exchange);
        return;
      }
      byte[] tail = write(writer, live.get(), escaping);
      exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
      if (gzip) {
        GzipJoin.Head head = cached == null ? GzipJoin.Head.EMPTY : cached.gzip();
        byte[] end = GzipJoin.finish(head, tail);
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        sent = true;
        send(exchange, GzipJoin.header(), head.deflated(), end); // the cached bytes are written, never copied
      } else {
        sent = true;
        send(exchange, cached == null ? new byte[0] : cached.plain(), tail);
      }
    } catch (RuntimeException e) {
      errorReporter.accept(e);
      if (!sent) {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().remove("Content-Encoding");
        exchange.sendResponseHeaders(500, ERROR_BODY.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(ERROR_BODY);
        }
      }
    } finally {
      exchange.close();
    }
  }

  /** The parts in order with their total length; no body for HEAD, as client_java does. */
  private static void send(HttpExchange exchange, byte[]... parts) throws IOException {
    long length = 0;
    for (byte[] p : parts) length += p.length;
    exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (byte[] p : parts) out.write(p);
    }
  }

  private static EncodedCache.Variant variant(PrometheusHttpRequest request, String[] names,
      ExpositionFormatWriter writer, EscapingScheme escaping, boolean gzip) {
    List<String> sorted = null;
    if (names != null && names.length > 0) {
      sorted = Arrays.stream(names).distinct().sorted().toList();
    }
    return new EncodedCache.Variant(request.getParameter("cluster"), sorted, writer, escaping, gzip);
  }

  /** Encodes the per-snapshot part once: plain bytes without the OpenMetrics EOF, or a gzip head of them. */
  private static EncodedCache.Encoded encode(MetricSnapshots families, ExpositionFormatWriter writer,
      EscapingScheme escaping, boolean gzip) {
    byte[] bytes = write(writer, families, escaping);
    if (writer.getContentType().startsWith(OPENMETRICS_TYPE)) bytes = withoutEof(bytes);
    Set<String> names = new HashSet<>();
    for (MetricSnapshot m : families) names.add(m.getMetadata().getPrometheusName());
    return gzip ? new EncodedCache.Encoded(null, GzipJoin.head(bytes), Set.copyOf(names))
        : new EncodedCache.Encoded(bytes, null, Set.copyOf(names));
  }

  static byte[] withoutEof(byte[] bytes) {
    int start = bytes.length - OPENMETRICS_EOF.length;
    if (start < 0 || !Arrays.equals(bytes, start, bytes.length, OPENMETRICS_EOF, 0, OPENMETRICS_EOF.length)) {
      throw new IllegalStateException("OpenMetrics output does not end with # EOF: cannot be joined");
    }
    return Arrays.copyOf(bytes, start);
  }

  private static byte[] write(ExpositionFormatWriter writer, MetricSnapshots families, EscapingScheme escaping) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
    try {
      writer.write(out, families, escaping);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  /** The clusters' live families and the registry's others, or empty when a name would appear twice. */
  private static Optional<MetricSnapshots> live(MetricSnapshots fromClusters, MetricSnapshots others,
      Set<String> cached) {
    Set<String> seen = new HashSet<>(cached);
    List<MetricSnapshot> all = new ArrayList<>(fromClusters.size() + others.size());
    for (MetricSnapshots part : List.of(fromClusters, others)) {
      for (MetricSnapshot m : part) {
        if (!seen.add(m.getMetadata().getPrometheusName())) return Optional.empty();
        all.add(m);
      }
    }
    return Optional.of(new MetricSnapshots(all));
  }

  /** {@code name[]} and the configured exporter filter, as client_java's handler combines them. */
  private Predicate<String> filter(String[] names) {
    Predicate<String> f = name -> true;
    if (names != null && names.length > 0) f = MetricNameFilter.builder().nameMustBeEqualTo(names).build();
    return configuredFilter == null ? f : f.and(configuredFilter);
  }

  private static Predicate<String> configuredFilter(ExporterFilterProperties p) {
    if (p.getAllowedMetricNames() == null && p.getExcludedMetricNames() == null
        && p.getAllowedMetricNamePrefixes() == null && p.getExcludedMetricNamePrefixes() == null) {
      return null;
    }
    return MetricNameFilter.builder()
        .nameMustBeEqualTo(p.getAllowedMetricNames())
        .nameMustNotBeEqualTo(p.getExcludedMetricNames())
        .nameMustStartWith(p.getAllowedMetricNamePrefixes())
        .nameMustNotStartWith(p.getExcludedMetricNamePrefixes())
        .build();
  }

  /** As client_java: UTF-8 names by default only for OpenMetrics 2.0 asked for by version, else its default. */
  private static EscapingScheme defaultEscaping(ExpositionFormatWriter writer, String accept) {
    if (writer instanceof OpenMetrics2TextFormatWriter && "2.0.0".equals(openMetricsVersion(accept))) {
      return EscapingScheme.ALLOW_UTF8;
    }
    return EscapingScheme.DEFAULT;
  }

  private static String openMetricsVersion(String accept) {
    if (accept == null) return null;
    for (String type : accept.split(",")) {
      if (!type.contains(OPENMETRICS_TYPE)) continue;
      for (String param : type.split(";")) {
        String[] kv = param.split("=");
        if (kv.length == 2 && kv[0].trim().equals("version")) return kv[1].trim();
      }
    }
    return null;
  }

  private static boolean acceptsGzip(Enumeration<String> headers) {
    if (headers == null) return false;
    while (headers.hasMoreElements()) {
      for (String encoding : headers.nextElement().split(",")) {
        if (encoding.trim().equalsIgnoreCase("gzip")) return true;
      }
    }
    return false;
  }
}
