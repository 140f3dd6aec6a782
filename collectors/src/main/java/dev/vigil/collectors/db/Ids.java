package dev.vigil.collectors.db;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opaque, time-ordered ids: a type prefix, then 26 Crockford base32 characters (48 bits of
 * milliseconds, 80 random bits; the ULID layout). Sorting ids sorts by creation time, which is
 * what list cursors rely on. Thread-safe.
 */
public final class Ids {

  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Ids(Clock clock) {
    this.clock = clock;
  }

  /** A new id such as {@code agt_01jf3x...}. */
  public String next(String prefix) {
    long millis = clock.millis();
    byte[] entropy = new byte[10];
    random.nextBytes(entropy);
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    long hi = 0;
    for (int i = 0; i < 5; i++) hi = (hi << 8) | (entropy[i] & 0xff);
    long lo = 0;
    for (int i = 5; i < 10; i++) lo = (lo << 8) | (entropy[i] & 0xff);
    for (int i = 17; i >= 10; i--) {
      out[i] = ALPHABET[(int) (hi & 31)];
      hi >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo >>>= 5;
    }
    return prefix + "_" + new String(out);
  }
}
