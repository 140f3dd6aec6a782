package dev.vigil.collectors.db;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opaque, time-ordered ids: a type prefix, then 26 Crockford base32 characters (48 bits of
 * milliseconds, 80 random bits; the ULID layout). Ids are strictly increasing per instance:
 * within one millisecond (or if the clock steps back) the random part counts up from the
 * previous id's, as ULID's monotonic mode does. Sorting ids sorts by creation order, which is
 * what list cursors rely on. Thread-safe.
 */
public final class Ids {

  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final long MASK_40 = (1L << 40) - 1;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  // Written under the monitor; read before it to decide whether to draw entropy.
  private volatile long lastMillis = -1;
  private long hi;
  private long lo;

  public Ids(Clock clock) {
    this.clock = clock;
  }

  private byte[] draw() {
    byte[] entropy = new byte[10];
    random.nextBytes(entropy);
    return entropy;
  }

  /** A new id such as {@code agt_01jf3x...}. */
  public String next(String prefix) {
    long millis = clock.millis();
    long h;
    long l;
    // A new millisecond's entropy is drawn before taking the monitor: SecureRandom waits for
    // its own lock, and with the monitor held every other caller queued behind it (64 decision
    // threads did: docs/benchmarks.md, session 15). Drawn inside only if another caller moved
    // the millisecond on meanwhile.
    byte[] entropy = millis > lastMillis ? draw() : null;
    synchronized (this) {
      if (millis > lastMillis) {
        if (entropy == null) entropy = draw();
        hi = 0;
        lo = 0;
        for (int i = 0; i < 5; i++) hi = (hi << 8) | (entropy[i] & 0xff);
        for (int i = 5; i < 10; i++) lo = (lo << 8) | (entropy[i] & 0xff);
        lastMillis = millis;
      } else {
        millis = lastMillis;
        lo = (lo + 1) & MASK_40;
        if (lo == 0) hi = (hi + 1) & MASK_40;
      }
      h = hi;
      l = lo;
    }
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    for (int i = 17; i >= 10; i--) {
      out[i] = ALPHABET[(int) (h & 31)];
      h >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = ALPHABET[(int) (l & 31)];
      l >>>= 5;
    }
    return prefix + "_" + new String(out);
  }
}
