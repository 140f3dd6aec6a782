package dev.vigil.collectors.tenancy;

import dev.vigil.controls.audit.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes bearer tokens and hashes them for storage. A token is {@code vgl_} followed by 256
 * random bits in base64url; with that much entropy a fast hash (SHA-256) is the right one:
 * it keeps lookups cheap and a stolen table useless. Thread-safe.
 */
public final class TokenSecrets {

  private static final String PREFIX = "vgl_";

  private final SecureRandom random = new SecureRandom();

  /** A fresh token, to be shown once. */
  public String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of a token: lowercase hex SHA-256 of its UTF-8 bytes. */
  public static String hash(String token) {
    return Sha256.hex(token);
  }
}
