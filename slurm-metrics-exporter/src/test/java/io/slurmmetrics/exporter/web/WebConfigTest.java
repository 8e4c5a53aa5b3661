package io.slurmmetrics.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws Exception {
    Path p = dir.resolve("web-config.yml");
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void readsTlsClientAuthAndUsers() throws Exception {
    Files.writeString(dir.resolve("s.crt"), "x");
    Files.writeString(dir.resolve("s.key"), "x");
    Files.writeString(dir.resolve("ca.crt"), "x");
    String hash = Bcrypt.hash("secret");
    WebConfig c = WebConfig.load(write("""
        tls_server_config:
          cert_file: s.crt
          key_file: s.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt
          min_version: TLS13
        http_server_config:
          headers:
            X-Frame-Options: deny
        basic_auth_users:
          prometheus: %s
        """.formatted(hash)));
    assertThat(c.tls()).hasValueSatisfying(t -> {
      assertThat(t.certFile()).isEqualTo(dir.resolve("s.crt"));
      assertThat(t.clientAuth()).isEqualTo(ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT);
      assertThat(t.minVersion()).isEqualTo("TLSv1.3");
    });
    assertThat(c.headers()).containsEntry("X-Frame-Options", "deny");
    assertThat(c.basicAuth()).containsEntry("prometheus", hash);
  }

  @Test
  void aPlainPasswordInsteadOfAHashIsNamedWithItsLine() throws Exception {
    Path file = write("basic_auth_users:\n  alice: hunter2\n");
    assertThatThrownBy(() -> WebConfig.load(file)).hasMessageStartingWith(file + ":2: basic_auth_users.alice: not a "
        + "bcrypt hash");
  }

  @Test
  void verifyingClientCertificatesNeedsACa() throws Exception {
    Files.writeString(dir.resolve("s.crt"), "x");
    Files.writeString(dir.resolve("s.key"), "x");
    Path file = write("tls_server_config:\n  cert_file: s.crt\n  key_file: s.key\n"
        + "  client_auth_type: RequireAndVerifyClientCert\n");
    assertThatThrownBy(() -> WebConfig.load(file)).hasMessage(file + ":4: tls_server_config.client_auth_type: "
        + "RequireAndVerifyClientCert needs client_ca_file");
  }

  @Test
  void unknownClientAuthTypeListsTheValidOnes() throws Exception {
    Files.writeString(dir.resolve("s.crt"), "x");
    Files.writeString(dir.resolve("s.key"), "x");
    Path file = write("tls_server_config:\n  cert_file: s.crt\n  key_file: s.key\n  client_auth_type: Yes\n");
    assertThatThrownBy(() -> WebConfig.load(file)).hasMessageContaining(":4: tls_server_config.client_auth_type: "
        + "expected one of NoClientCert");
  }

  @Test
  void unknownKeyAndMissingFilesAreErrors() throws Exception {
    Path unknown = write("tls_config:\n  cert_file: x\n");
    assertThatThrownBy(() -> WebConfig.load(unknown)).hasMessageContaining(":1: tls_config: unknown key");
    Path missing = write("tls_server_config:\n  cert_file: nope.crt\n  key_file: nope.key\n");
    assertThatThrownBy(() -> WebConfig.load(missing)).hasMessageContaining(":2: tls_server_config.cert_file: ")
        .hasMessageContaining("nope.crt: no such file");
  }
}
