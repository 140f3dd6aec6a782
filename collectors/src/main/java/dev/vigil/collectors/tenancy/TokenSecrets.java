package dev.vigil.collectors.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

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
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
