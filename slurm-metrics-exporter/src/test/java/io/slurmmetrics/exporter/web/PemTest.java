package io.slurmmetrics.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private keys in the PEM forms operators have: PKCS#8 and, for EC, SEC1 as {@code openssl ecparam} writes it. */
class PemTest {
  @TempDir
  Path dir;

  private Path pem(String type, byte[] der) throws Exception {
    Path p = dir.resolve(type.replace(' ', '_') + ".pem");
    Files.writeString(p, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END " + type + "-----\n", StandardCharsets.US_ASCII);
    return p;
  }

  private static ECPrivateKey ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return (ECPrivateKey) g.generateKeyPair().getPrivate();
  }

  @Test
  void ecKeyAsPkcs8() throws Exception {
    ECPrivateKey key = ecKey();
    assertThat(((ECPrivateKey) Pem.privateKey(pem("PRIVATE KEY", key.getEncoded()))).getS()).isEqualTo(key.getS());
  }

  @Test
  void ecKeyAsSec1WithItsNamedCurve() throws Exception {
    ECPrivateKey key = ecKey();
    // SEC1: SEQUENCE { INTEGER 1, OCTET STRING d (32 bytes), [0] { OID 1.2.840.10045.3.1.7 (prime256v1) } }
    byte[] d = unsigned(key.getS(), 32);
    byte[] curve = {(byte) 0xa0, 0x0a, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x01, 0x04, 0x20});
    body.writeBytes(d);
    body.writeBytes(curve);
    ByteArrayOutputStream sec1 = new ByteArrayOutputStream();
    sec1.write(0x30);
    sec1.write(body.size());
    sec1.writeBytes(body.toByteArray());
    ECPrivateKey read = (ECPrivateKey) Pem.privateKey(pem("EC PRIVATE KEY", sec1.toByteArray()));
    assertThat(read.getS()).isEqualTo(key.getS());
  }

  @Test
  void encryptedKeysGetAnInstructionNotAStackTrace() throws Exception {
    Path p = pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00});
    assertThatThrownBy(() -> Pem.privateKey(p)).hasMessageContaining("encrypted keys are not supported")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  private static byte[] unsigned(BigInteger n, int length) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return Arrays.copyOf(out, length);
  }
}
