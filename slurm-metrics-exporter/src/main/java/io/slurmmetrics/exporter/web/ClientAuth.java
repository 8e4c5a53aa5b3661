package io.slurmmetrics.exporter.web;

import java.util.Optional;

/** The exporter-toolkit {@code client_auth_type} values (Go's {@code tls.ClientAuthType}). */
public enum ClientAuth {
  NO_CLIENT_CERT("NoClientCert", false, false, false),
  REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
  REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", true, true, false),
  VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
  REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", true, true, true);

  private final String configName;
  private final boolean want;
  private final boolean need;
  private final boolean verify;

  ClientAuth(String configName, boolean want, boolean need, boolean verify) {
    this.configName = configName;
    this.want = want;
    this.need = need;
    this.verify = verify;
  }

  /** As written in web-config.yml. */
  public String configName() {
    return configName;
  }

  /** Ask the client for a certificate. */
  public boolean want() {
    return want;
  }

  /** Refuse the handshake without one. */
  public boolean need() {
    return need;
  }

  /** Check a given certificate against {@code client_ca_file}. */
  public boolean verify() {
    return verify;
  }

  public static Optional<ClientAuth> fromConfigName(String name) {
    for (ClientAuth c : values()) {
      if (c.configName.equals(name)) return Optional.of(c);
    }
    return Optional.empty();
  }
}
