package io.slurmmetrics.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP basic auth against the bcrypt hashes of {@code basic_auth_users}. bcrypt is slow on purpose (~50-100 ms at
 * cost 10), and Prometheus sends the same credentials on every scrape, so a successful check is remembered by a
 * SHA-256 of user and password (never the password itself). Unknown users cost one bcrypt check too, so timing does
 * not tell which user names exist.
 */
public final class BcryptAuthenticator extends BasicAuthenticator {
  private static final int CACHE_LIMIT = 1024;

  private final Map<String, String> hashes;
  private final Map<String, Boolean> verified = new ConcurrentHashMap<>();
  /** A hash of a random password, checked for unknown users to spend the same time as for known ones. */
  private final String dummyHash;

  public BcryptAuthenticator(String realm, Map<String, String> hashes) {
    super(realm, StandardCharsets.UTF_8);
    this.hashes = Map.copyOf(hashes);
    String cost = hashes.values().stream().findFirst().map(h -> h.split("\\$")[2]).orElse("10");
    this.dummyHash = BCrypt.withDefaults().hashToString(Integer.parseInt(cost),
        java.util.UUID.randomUUID().toString().toCharArray());
  }

  @Override
  public boolean checkCredentials(String user, String password) {
    String hash = hashes.get(user);
    String key = fingerprint(user, password, hash == null ? "" : hash);
    if (hash != null && verified.containsKey(key)) return true;
    boolean ok = BCrypt.verifyer().verify(password.toCharArray(), (hash == null ? dummyHash : hash).toCharArray())
        .verified && hash != null;
    if (ok) {
      if (verified.size() >= CACHE_LIMIT) verified.clear();
      verified.put(key, Boolean.TRUE);
    }
    return ok;
  }

  private static String fingerprint(String user, String password, String hash) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(user.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(password.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(hash.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
