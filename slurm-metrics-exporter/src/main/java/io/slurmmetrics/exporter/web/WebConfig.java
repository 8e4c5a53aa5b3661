package io.slurmmetrics.exporter.web;

import io.slurmmetrics.exporter.config.ConfigException;
import io.slurmmetrics.exporter.config.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The web config file of Prometheus exporters ({@code --web.config.file}, the exporter-toolkit format), so one file
 * works for node_exporter and for us:
 *
 * <pre>
 * tls_server_config:
 *   cert_file: server.crt            # PEM, may hold the chain
 *   key_file: server.key             # PEM: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted
 *   client_auth_type: RequireAndVerifyClientCert
 *   client_ca_file: clients-ca.crt
 *   min_version: TLS12
 *   client_allowed_sans: [scraper.example.org]
 * http_server_config:
 *   headers: {Strict-Transport-Security: max-age=31536000}
 * basic_auth_users:
 *   prometheus: $2y$10$...           # bcrypt hash (htpasswd -nBC 10 "" | tr -d ':\n')
 * </pre>
 *
 * @param tls        TLS settings, empty for plain HTTP
 * @param headers    extra response headers
 * @param basicAuth  user name to bcrypt hash; empty for no authentication
 */
public record WebConfig(Optional<Tls> tls, Map<String, String> headers, Map<String, String> basicAuth) {

  /**
   * @param certFile        server certificate (chain), PEM
   * @param keyFile         its private key, PEM
   * @param clientAuth      whether and how client certificates are checked
   * @param clientCaFile    CA certificates that sign accepted client certificates
   * @param minVersion      lowest TLS protocol ({@code TLSv1.2}), JDK spelling
   * @param maxVersion      highest TLS protocol, JDK spelling
   * @param cipherSuites    allowed suites (IANA names, same in Go and Java); empty for the JDK's defaults
   * @param allowedSans     a verified client certificate must carry one of these subject alternative names
   */
  public record Tls(Path certFile, Path keyFile, ClientAuth clientAuth, Optional<Path> clientCaFile,
      String minVersion, Optional<String> maxVersion, List<String> cipherSuites, List<String> allowedSans) {
    public Tls {
      Objects.requireNonNull(certFile, "certFile");
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(clientAuth, "clientAuth");
      Objects.requireNonNull(clientCaFile, "clientCaFile");
      cipherSuites = List.copyOf(cipherSuites);
      allowedSans = List.copyOf(allowedSans);
    }
  }

  private static final Set<String> TOP = Set.of("tls_server_config", "http_server_config", "basic_auth_users");
  private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "client_auth_type", "client_ca_file",
      "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites", "curve_preferences",
      "client_allowed_sans");
  private static final Set<String> HTTP_KEYS = Set.of("http2", "headers");
  /** The headers exporter-toolkit lets users set; others could break the protocol. */
  private static final Set<String> ALLOWED_HEADERS = Set.of("Strict-Transport-Security", "X-Content-Type-Options",
      "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy");
  private static final Map<String, String> TLS_VERSIONS = Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12",
      "TLSv1.2", "TLS13", "TLSv1.3");
  private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

  public WebConfig {
    Objects.requireNonNull(tls, "tls");
    headers = Map.copyOf(headers);
    basicAuth = Map.copyOf(basicAuth);
  }

  /** No TLS, no authentication. */
  public static WebConfig none() {
    return new WebConfig(Optional.empty(), Map.of(), Map.of());
  }

  public static WebConfig load(Path file) throws ConfigException {
    YamlNode root = YamlNode.load(file);
    root.rejectUnknownKeys(TOP);
    Optional<Tls> tls = Optional.empty();
    if (root.get("tls_server_config").isPresent()) tls = Optional.of(tls(root.get("tls_server_config").get()));
    Map<String, String> headers = Map.of();
    Optional<YamlNode> http = root.get("http_server_config");
    if (http.isPresent()) {
      http.get().rejectUnknownKeys(HTTP_KEYS);
      if (http.get().get("http2").isPresent()) http.get().get("http2").get().asBoolean(); // accepted; HTTP/1.1 only
      if (http.get().get("headers").isPresent()) {
        YamlNode h = http.get().get("headers").get();
        headers = h.asStringMap();
        for (String name : headers.keySet()) {
          if (!ALLOWED_HEADERS.contains(name)) {
            throw h.get(name).orElseThrow().error("header not allowed (allowed: "
                + String.join(", ", ALLOWED_HEADERS.stream().sorted().toList()) + ")");
          }
        }
      }
    }
    Map<String, String> users = new LinkedHashMap<>();
    if (root.get("basic_auth_users").isPresent()) {
      YamlNode u = root.get("basic_auth_users").get();
      users.putAll(u.asStringMap());
      for (Map.Entry<String, String> e : users.entrySet()) {
        if (!BCRYPT.matcher(e.getValue()).matches()) {
          throw u.get(e.getKey()).orElseThrow().error("not a bcrypt hash (expected $2y$10$ followed by 53 "
              + "characters, e.g. from: htpasswd -nBC 10 \"\" | tr -d ':\\n')");
        }
        if (e.getKey().contains(":")) throw u.get(e.getKey()).orElseThrow().error("user names cannot contain ':'");
      }
    }
    return new WebConfig(tls, headers, users);
  }

  private static Tls tls(YamlNode n) throws ConfigException {
    n.rejectUnknownKeys(TLS_KEYS);
    YamlNode cert = n.get("cert_file").orElseThrow(() -> n.error("cert_file is required for TLS"));
    YamlNode key = n.get("key_file").orElseThrow(() -> n.error("key_file is required for TLS"));
    Path certFile = readable(cert);
    Path keyFile = readable(key);
    ClientAuth auth = ClientAuth.NO_CLIENT_CERT;
    if (n.get("client_auth_type").isPresent()) {
      YamlNode a = n.get("client_auth_type").get();
      auth = ClientAuth.fromConfigName(a.asString()).orElseThrow(() -> a.error("expected one of NoClientCert, "
          + "RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert"));
    }
    Optional<Path> ca = Optional.empty();
    if (n.get("client_ca_file").isPresent()) ca = Optional.of(readable(n.get("client_ca_file").get()));
    if (auth.verify() && ca.isEmpty()) {
      throw n.get("client_auth_type").orElseThrow().error(auth.configName() + " needs client_ca_file");
    }
    if (ca.isPresent() && !auth.verify()) {
      throw n.get("client_ca_file").get().error("client_ca_file is only used with client_auth_type "
          + "VerifyClientCertIfGiven or RequireAndVerifyClientCert");
    }
    String min = "TLSv1.2";
    if (n.get("min_version").isPresent()) min = tlsVersion(n.get("min_version").get());
    Optional<String> max = Optional.empty();
    if (n.get("max_version").isPresent()) max = Optional.of(tlsVersion(n.get("max_version").get()));
    List<String> suites = new ArrayList<>();
    if (n.get("cipher_suites").isPresent()) {
      for (YamlNode s : n.get("cipher_suites").get().asList()) suites.add(s.asString());
    }
    if (n.get("prefer_server_cipher_suites").isPresent()) n.get("prefer_server_cipher_suites").get().asBoolean();
    if (n.get("curve_preferences").isPresent()) {
      throw n.get("curve_preferences").get().error("not supported by this exporter (the JDK picks the curves)");
    }
    List<String> sans = new ArrayList<>();
    if (n.get("client_allowed_sans").isPresent()) {
      if (!auth.verify()) {
        throw n.get("client_allowed_sans").get().error("needs a verifying client_auth_type");
      }
      for (YamlNode s : n.get("client_allowed_sans").get().asList()) sans.add(s.asString());
    }
    return new Tls(certFile, keyFile, auth, ca, min, max, suites, sans);
  }

  private static Path readable(YamlNode n) throws ConfigException {
    Path p = n.asPath();
    if (!Files.isRegularFile(p)) throw n.error(p + ": no such file");
    if (!Files.isReadable(p)) throw n.error(p + ": not readable by this user");
    return p;
  }

  private static String tlsVersion(YamlNode n) throws ConfigException {
    String v = n.asString();
    String jdk = TLS_VERSIONS.get(v);
    if (jdk == null) throw n.error("expected TLS10, TLS11, TLS12 or TLS13, found \"" + v + "\"");
    return jdk;
  }
}
