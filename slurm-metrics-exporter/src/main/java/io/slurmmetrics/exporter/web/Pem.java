package io.slurmmetrics.exporter.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and unencrypted private keys with the JDK alone: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}), the latter two re-wrapped as PKCS#8 in DER by hand,
 * which is a few bytes of framing and saves a crypto library.
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----", Pattern.DOTALL);
  private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
      0x01, 0x01};
  private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

  private Pem() {}

  static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    try (var in = Files.newInputStream(file)) {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) out.add((X509Certificate) c);
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(file + ": no readable PEM certificate (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) throw new GeneralSecurityException(file + ": no PEM certificate in it");
    return out;
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
      switch (type) {
        case "PRIVATE KEY":
          return pkcs8(file, der, "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");
        case "RSA PRIVATE KEY":
          return pkcs8(file, wrap(0, seq(RSA_OID, new byte[] {0x05, 0x00}), der), "RSA");
        case "EC PRIVATE KEY":
          return pkcs8(file, wrap(0, seq(EC_OID, curveOid(file, der)), der), "EC");
        case "ENCRYPTED PRIVATE KEY":
          throw new GeneralSecurityException(file + ": encrypted keys are not supported; decrypt it with "
              + "`openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem`");
        default:
          break; // e.g. EC PARAMETERS before the key
      }
    }
    throw new GeneralSecurityException(file + ": no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(Path file, byte[] der, String... algorithms) throws GeneralSecurityException {
    for (String alg : algorithms) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException(file + ": private key of an unsupported or damaged kind");
  }

  /** The named curve from a SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING, [0] OID, [1] BIT STRING }. */
  private static byte[] curveOid(Path file, byte[] sec1) throws GeneralSecurityException {
    Der d = new Der(sec1);
    d.enter(0x30);
    d.skip(0x02);
    d.skip(0x04);
    if (d.peek() != 0xa0) throw new GeneralSecurityException(file + ": EC key without a named curve");
    d.enter(0xa0);
    return d.raw(0x06);
  }

  private static byte[] wrap(int version, byte[] algorithm, byte[] key) {
    return seq(new byte[] {0x02, 0x01, (byte) version}, algorithm, tlv(0x04, key));
  }

  private static byte[] seq(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) content.writeBytes(p);
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  /** Just enough DER reading to find the curve of a SEC1 key. */
  private static final class Der {
    private final byte[] b;
    private int at;

    Der(byte[] b) {
      this.b = b;
    }

    int peek() throws GeneralSecurityException {
      if (at >= b.length) throw new GeneralSecurityException("truncated DER");
      return b[at] & 0xff;
    }

    private int length() throws GeneralSecurityException {
      int first = b[at++] & 0xff;
      if (first < 0x80) return first;
      int n = 0;
      for (int i = 0; i < (first & 0x7f); i++) n = (n << 8) | (b[at++] & 0xff);
      if (n < 0 || at + n > b.length) throw new GeneralSecurityException("bad DER length");
      return n;
    }

    void enter(int tag) throws GeneralSecurityException {
      if (peek() != tag) throw new GeneralSecurityException("unexpected DER tag " + peek());
      at++;
      length();
    }

    void skip(int tag) throws GeneralSecurityException {
      raw(tag);
    }

    byte[] raw(int tag) throws GeneralSecurityException {
      int start = at;
      if (peek() != tag) throw new GeneralSecurityException("unexpected DER tag " + peek());
      at++;
      int n = length();
      at += n;
      byte[] out = new byte[at - start];
      System.arraycopy(b, start, out, 0, out.length);
      return out;
    }
  }
}
