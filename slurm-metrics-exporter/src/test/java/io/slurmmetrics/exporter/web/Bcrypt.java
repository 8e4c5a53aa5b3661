package io.slurmmetrics.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** bcrypt hashes made in the test, as {@code htpasswd -nBC 10} would. */
public final class Bcrypt {
  private Bcrypt() {}

  public static String hash(String password) {
    return BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10, password.toCharArray());
  }
}
