package io.slurmmetrics.bench;

import io.slurmmetrics.SlurmMetrics;
import io.slurmmetrics.metrics.CollectorGroup;
import io.slurmmetrics.source.rest.RestSource;
import java.time.Duration;
import java.util.Set;

/** How the process under test talks to the bench server: the library exactly as a user would configure it. */
final class Clients {
  /** System property with the bench server's URL (set by {@link Bench} on every forked JVM). */
  static final String URL_PROPERTY = "bench.url";
  /**
   * The default limit of 256 MiB is below a 50,000-job v0.0.44 answer (about 270 MB here, job_resources included):
   * a site this large raises it, and so does the bench.
   */
  static final long MAX_BODY = 1L << 30;

  private Clients() {}

  static String url() {
    String url = System.getProperty(URL_PROPERTY);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("-D" + URL_PROPERTY + "=<bench server URL> is required (scripts/bench sets it)");
    }
    return url;
  }

  /** GET a bench-server control path ({@code /bench/...}); the body as text. */
  static String get(String path) throws java.io.IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url() + path).toURL().openConnection();
    try (java.io.InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * The plain client of the floors: the transport of {@link RestSource} (one timeout for the whole call, none per
   * read, which would cost an okio timeout check per 8 KiB), so a floor differs from the library only in decoding.
   */
  static okhttp3.OkHttpClient floorClient(Duration callTimeout) {
    return new okhttp3.OkHttpClient.Builder()
        .callTimeout(callTimeout)
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .build();
  }

  /** The size of the answer at {@code url}, in bytes (read and thrown away). */
  static long size(String url) throws java.io.IOException {
    long n = 0;
    byte[] sink = new byte[1 << 16];
    try (java.io.InputStream in = java.net.URI.create(url).toURL().openStream()) {
      for (int r; (r = in.read(sink)) >= 0; ) n += r;
    }
    return n;
  }

  static RestSource source(String apiVersion, boolean incremental) {
    return source(url(), apiVersion, incremental);
  }

  /** Like {@link #source(String, boolean)} against another base URL of the bench server ({@code <url>/pretty}). */
  static RestSource source(String url, String apiVersion, boolean incremental) {
    return RestSource.builder()
        .url(url)
        .apiVersion(apiVersion)
        .incremental(incremental)
        .maxBodyBytes(MAX_BODY)
        .timeout(Duration.ofMinutes(2))
        .tokenFromEnvironment(false)
        .build();
  }

  /**
   * The default configuration of the library against {@code source}. No collector is named: naming the groups
   * (even {@code collectors(CollectorGroup.defaults())}) enables the per-node group explicitly, which keeps it on
   * above its 5,000-node default threshold.
   */
  static SlurmMetrics.Builder metrics(RestSource source, Duration refreshInterval) {
    return SlurmMetrics.builder()
        .source(source)
        .refreshInterval(refreshInterval)
        .scrapeTimeout(Duration.ofMinutes(2));
  }

  static Set<CollectorGroup> defaults() {
    return CollectorGroup.defaults();
  }
}
