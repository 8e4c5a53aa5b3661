package io.slurmmetrics.exporter.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI made with the JDK's keytool for one test: a CA, a server certificate for localhost and
 * 127.0.0.1, and a client certificate, all signed by the CA, written as PEM files like an operator would have them.
 */
public final class TestPki {
  private static final String PASS = "changeit";
  public final Path dir;
  public final Path caCert;
  public final Path serverCert;
  public final Path serverKey;
  public final Path clientCert;
  public final Path clientKey;
  private final X509Certificate ca;
  private final PrivateKey clientPrivate;
  private final X509Certificate client;

  private TestPki(Path dir) throws Exception {
    this.dir = dir;
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=test-ca",
        "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.crt");
    for (String who : List.of("server", "client")) {
      keytool("-genkeypair", "-alias", who, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + who,
          "-validity", "2", "-keystore", who + ".p12");
      keytool("-certreq", "-alias", who, "-keystore", who + ".p12", "-file", who + ".csr");
      keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", who + ".csr", "-outfile", who + ".crt",
          "-rfc", "-validity", "2", "-ext", who.equals("server") ? "san=dns:localhost,ip:127.0.0.1"
              : "san=dns:scraper.test");
      writeKey(who);
    }
    caCert = dir.resolve("ca.crt");
    serverCert = dir.resolve("server.crt");
    serverKey = dir.resolve("server.key");
    clientCert = dir.resolve("client.crt");
    clientKey = dir.resolve("client.key");
    ca = read(caCert);
    client = read(clientCert);
    clientPrivate = privateKey("client");
  }

  public static TestPki create(Path dir) throws Exception {
    return new TestPki(dir);
  }

  private void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storepass", PASS, "-keypass", PASS, "-storetype", "PKCS12", "-noprompt"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }

  private PrivateKey privateKey(String who) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(who + ".p12"))) {
      ks.load(in, PASS.toCharArray());
    }
    return (PrivateKey) ks.getKey(who, PASS.toCharArray());
  }

  private void writeKey(String who) throws Exception {
    Files.writeString(dir.resolve(who + ".key"), pem("PRIVATE KEY", privateKey(who).getEncoded()));
  }

  /** The server key re-written as PKCS#1 ({@code RSA PRIVATE KEY}), the form openssl's older tools produce. */
  public Path serverKeyPkcs1() throws Exception {
    byte[] pkcs8 = privateKey("server").getEncoded();
    // PKCS#8 = SEQUENCE { INTEGER 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING { RSAPrivateKey } }:
    // the last element's content is the PKCS#1 key; find it by walking the outer sequence.
    int at = 0;
    at += 1 + lengthBytes(pkcs8, at + 1); // outer SEQUENCE header
    at += 1 + lengthBytes(pkcs8, at + 1) + length(pkcs8, at + 1); // version
    at += 1 + lengthBytes(pkcs8, at + 1) + length(pkcs8, at + 1); // algorithm
    int len = length(pkcs8, at + 1);
    int start = at + 1 + lengthBytes(pkcs8, at + 1);
    byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, start, start + len);
    Path p = dir.resolve("server-pkcs1.key");
    Files.writeString(p, pem("RSA PRIVATE KEY", pkcs1));
    return p;
  }

  private static int lengthBytes(byte[] b, int at) {
    int first = b[at] & 0xff;
    return first < 0x80 ? 1 : 1 + (first & 0x7f);
  }

  private static int length(byte[] b, int at) {
    int first = b[at] & 0xff;
    if (first < 0x80) return first;
    int n = 0;
    for (int i = 1; i <= (first & 0x7f); i++) n = (n << 8) | (b[at + i] & 0xff);
    return n;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static X509Certificate read(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** A client context that trusts the test CA, optionally presenting the client certificate. */
  public SSLContext clientContext(boolean presentCertificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (presentCertificate) {
      keys.setKeyEntry("client", clientPrivate, PASS.toCharArray(), new Certificate[] {client, ca});
    }
    kmf.init(keys, PASS.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }
}
