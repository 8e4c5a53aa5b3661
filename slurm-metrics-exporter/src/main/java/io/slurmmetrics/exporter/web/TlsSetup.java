package io.slurmmetrics.exporter.web;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.slurmmetrics.exporter.config.ConfigException;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Turns {@link WebConfig.Tls} into the JDK HTTPS server's configurator. */
public final class TlsSetup {
  private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  private TlsSetup() {}

  public static HttpsConfigurator configurator(WebConfig.Tls tls) throws ConfigException {
    SSLContext context = context(tls);
    String[] protocols = protocols(tls);
    String[] suites = suites(context, tls);
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols);
        if (suites.length > 0) p.setCipherSuites(suites);
        if (tls.clientAuth().need()) {
          p.setNeedClientAuth(true);
        } else if (tls.clientAuth().want()) {
          p.setWantClientAuth(true);
        }
        params.setSSLParameters(p);
      }
    };
  }

  static SSLContext context(WebConfig.Tls tls) throws ConfigException {
    try {
      List<X509Certificate> chain = Pem.certificates(tls.certFile());
      PrivateKey key = Pem.privateKey(tls.keyFile());
      char[] password = new char[0];
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);

      TrustManager[] trust = null;
      if (tls.clientAuth().verify()) {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate ca : Pem.certificates(tls.clientCaFile().orElseThrow())) {
          ts.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        trust = tmf.getTrustManagers();
        if (!tls.allowedSans().isEmpty()) trust = new TrustManager[] {new SanCheck(
            (X509ExtendedTrustManager) trust[0], tls.allowedSans())};
      } else if (tls.clientAuth().want()) {
        // RequestClientCert / RequireAnyClientCert: a certificate is asked for but, by definition, not checked
        trust = new TrustManager[] {new AcceptAnyClient()};
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), trust, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("web config TLS: " + e.getMessage(), e);
    }
  }

  private static String[] protocols(WebConfig.Tls tls) throws ConfigException {
    int min = PROTOCOLS.indexOf(tls.minVersion());
    int max = tls.maxVersion().map(PROTOCOLS::indexOf).orElse(PROTOCOLS.size() - 1);
    if (max < min) throw new ConfigException("web config TLS: max_version is below min_version");
    return PROTOCOLS.subList(min, max + 1).toArray(new String[0]);
  }

  private static String[] suites(SSLContext ctx, WebConfig.Tls tls) throws ConfigException {
    List<String> supported = Arrays.asList(ctx.getSupportedSSLParameters().getCipherSuites());
    List<String> out = new ArrayList<>();
    for (String s : tls.cipherSuites()) {
      if (!supported.contains(s)) throw new ConfigException("web config TLS: cipher suite " + s + " is not supported "
          + "by this JVM");
      out.add(s);
    }
    return out.toArray(new String[0]);
  }

  /** Verifies as usual, then requires one of the allowed subject alternative names. */
  private static final class SanCheck extends ClientTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final List<String> allowed;

    SanCheck(X509ExtendedTrustManager delegate, List<String> allowed) {
      this.delegate = delegate;
      this.allowed = allowed;
    }

    private void checkSans(X509Certificate[] chain) throws java.security.cert.CertificateException {
      var sans = chain[0].getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() > 1 && allowed.contains(String.valueOf(san.get(1)))) return;
        }
      }
      throw new java.security.cert.CertificateException("client certificate has none of the allowed SANs");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws java.security.cert.CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
      checkSans(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws java.security.cert.CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
      checkSans(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      delegate.checkClientTrusted(chain, authType);
      checkSans(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }

  /** For the two client auth types that ask for a certificate without verifying it. */
  private static final class AcceptAnyClient extends ClientTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Our trust managers judge client certificates only: this server never checks a server's certificate. */
  private abstract static class ClientTrustManager extends X509ExtendedTrustManager {
    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("server side only");
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("server side only");
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("server side only");
    }
  }
}
