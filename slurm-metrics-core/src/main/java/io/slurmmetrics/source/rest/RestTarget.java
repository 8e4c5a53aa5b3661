package io.slurmmetrics.source.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Where a {@link RestSource} connects and how: the OkHttp client, the base URL and the name shown in messages, made
 * from the user's URL ({@code http(s)://} with an optional custom CA, or {@code unix:} for slurmrestd's socket). Kept
 * apart from {@link RestSource} because turning a URL into a connection is independent of what is read over it.
 *
 * @param http the client: one deadline for the whole call (reads and writes included) and for connecting; no retries,
 *     no redirects
 * @param base the base URL requests are resolved against ({@code http://localhost/} for a unix socket)
 * @param displayUrl the URL as shown in the source's name and messages, without a trailing slash
 */
record RestTarget(OkHttpClient http, HttpUrl base, String displayUrl) {

  /** Parses {@code url} and sets up the client; a bad URL or CA file fails fast naming it. */
  static RestTarget of(String url, Path caPem, Duration timeout) {
    OkHttpClient.Builder ok = new OkHttpClient.Builder()
        .callTimeout(timeout)
        .connectTimeout(timeout)
        // no per-read or per-write timeout: the call timeout already bounds every read and write, and a read timeout
        // costs an okio AsyncTimeout enter/exit per 8 KiB segment (1.7 s of CPU per 5 GB of accounting answers)
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .connectionPool(new ConnectionPool(2, 5, TimeUnit.MINUTES));
    HttpUrl base;
    String displayUrl;
    if (url.startsWith("unix:")) {
      Path socket = Paths.get(url.substring("unix:".length()).replaceFirst("^//", ""));
      ok.socketFactory(new UnixSocketFactory(socket));
      base = HttpUrl.get("http://localhost/");
      displayUrl = "unix:" + socket;
    } else {
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException("not an http(s) or unix: URL: \"" + url + "\"");
      }
      if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
        throw new IllegalArgumentException("put no credentials in the slurmrestd URL; use tokenFile()");
      }
      base = parsed.newBuilder().query(null).build();
      String s = base.toString();
      displayUrl = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
      if (caPem != null) {
        if (!parsed.isHttps()) throw new IllegalArgumentException("caCertificate() needs an https URL: " + url);
        X509TrustManager trust = trustManager(caPem);
        try {
          SSLContext ssl = SSLContext.getInstance("TLS");
          ssl.init(null, new TrustManager[] {trust}, null);
          ok.sslSocketFactory(ssl.getSocketFactory(), trust);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot set up TLS with " + caPem + ": " + e.getMessage(), e);
        }
      }
    }
    return new RestTarget(ok.build(), base, displayUrl);
  }

  private static X509TrustManager trustManager(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) throw new IllegalArgumentException("no certificate in " + pem);
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certs) ks.setCertificateEntry("ca" + i++, c);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) return x;
      }
      throw new IllegalStateException("no X509TrustManager for " + pem);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read CA certificate " + pem + ": " + e.getMessage(), e);
    }
  }
}
