package dev.vigil.collectors.alerts;

import java.time.Duration;

/**
 * How often and how patiently a delivery is attempted: up to {@code maxAttempts} attempts, the
 * gap after attempt <i>n</i> being {@code firstDelay * 2^(n-1)} capped at {@code maxDelay}, each
 * attempt given {@code timeout} to answer. Immutable.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration timeout) {

  public RetryPolicy {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    requirePositive("firstDelay", firstDelay);
    requirePositive("maxDelay", maxDelay);
    requirePositive("timeout", timeout);
    if (maxDelay.compareTo(firstDelay) < 0) throw new IllegalArgumentException("maxDelay must not be below firstDelay");
  }

  /**
   * Six attempts, 1 s after the first failure doubling up to 5 min, 10 s per request: a receiver
   * that is down for about half a minute (a deploy, a restart) still gets the alert.
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10));
  }

  /** The wait after failed attempt number {@code attempt} (1-based) before the next one. */
  public Duration delayAfter(int attempt) {
    if (attempt < 1) throw new IllegalArgumentException("attempt is 1-based");
    // Past 2^30 the doubling has long exceeded any sane maxDelay; stop before it overflows.
    int shift = Math.min(attempt - 1, 30);
    Duration delay = firstDelay.multipliedBy(1L << shift);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
  }
}
