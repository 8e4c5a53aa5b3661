package io.slurmmetrics.source.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the JWT comes from: a file (re-read when its modification time or size changes, so a re-minted token is
 * picked up without a restart), a fixed value (from {@code SLURM_JWT}), or nothing (unix socket with local auth).
 * The token itself is never put into a message. Thread-safe.
 */
final class TokenSource {
  private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

  private final Path file;
  private final String fixed;
  private Instant seenMtime;
  private long seenSize = -1;
  private String cached;

  private TokenSource(Path file, String fixed) {
    this.file = file;
    this.fixed = fixed;
  }

  static TokenSource file(Path file) {
    return new TokenSource(file, null);
  }

  static TokenSource fixed(String token) {
    return new TokenSource(null, token);
  }

  static TokenSource none() {
    return new TokenSource(null, null);
  }

  /** The current token, empty when this source has none. */
  synchronized Optional<String> token() throws IOException {
    if (file == null) return Optional.ofNullable(fixed);
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    Instant mtime = attrs.lastModifiedTime().toInstant();
    if (cached == null || !mtime.equals(seenMtime) || attrs.size() != seenSize) {
      String t = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (t.isEmpty()) throw new IOException("token file " + file + " is empty");
      cached = t;
      seenMtime = mtime;
      seenSize = attrs.size();
    }
    return Optional.of(cached);
  }

  /** Where the token comes from, for messages: a path or {@code SLURM_JWT}, never the token. */
  String describe() {
    if (file != null) return "token file " + file;
    return fixed != null ? "SLURM_JWT" : "no token";
  }

  /**
   * When the current token is a JWT whose {@code exp} claim lies before {@code now}, that expiry time. Read without
   * verifying the signature: only to name the cause of an opaque auth failure (22.05 answers 500/errno -1).
   */
  Optional<Instant> expiredAt(Instant now) {
    String t;
    try {
      t = token().orElse(null);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (t == null) return Optional.empty();
    String[] parts = t.split("\\.");
    if (parts.length < 2) return Optional.empty();
    try {
      String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      Matcher m = EXP.matcher(payload);
      if (!m.find()) return Optional.empty();
      Instant exp = Instant.ofEpochSecond(Long.parseLong(m.group(1)));
      return exp.isBefore(now) ? Optional.of(exp) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
