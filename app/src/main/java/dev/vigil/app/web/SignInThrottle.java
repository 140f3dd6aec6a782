package dev.vigil.app.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing passwords, per account (an email) and per client address, in this
 * node's memory. After {@code allowed} failures of a key within {@code lockout} of each other,
 * each further attempt waits 1 s, then 2 s, 4 s ... up to {@code lockout} after the latest
 * failure; a success clears the account's count (not the address's, so that one's own account
 * cannot reset a guesser's address). Kept in memory on purpose: no write per failed guess, and
 * nodes that restart forget it, so with N nodes a guesser gets N times the budget (README,
 * "Dashboard"). At most {@link #MAX_KEYS} keys are kept; past that, keys idle for
 * {@code lockout} are dropped first, then new keys are throttled as if at the limit.
 * Thread-safe.
 */
public final class SignInThrottle {

  static final int MAX_KEYS = 100_000;

  private record Failures(int count, Instant last) {}

  private final int allowed;
  private final Duration lockout;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public SignInThrottle(int allowed, Duration lockout, Clock clock) {
    this.allowed = allowed;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** How long the caller must still wait before trying this account from this address; empty: try now. */
  public Optional<Duration> wait(String account, String address) {
    Instant now = clock.instant();
    Duration a = waitOf("account:" + account, now);
    Duration b = waitOf("address:" + address, now);
    Duration longer = a.compareTo(b) >= 0 ? a : b;
    return longer.isZero() ? Optional.empty() : Optional.of(longer);
  }

  /** Counts a failed sign-in against the account and the address. */
  public void failed(String account, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_KEYS) failures.values().removeIf(f -> !f.last().plus(lockout).isAfter(now));
    count("account:" + account, now);
    count("address:" + address, now);
  }

  /** A successful sign-in of the account: its failures are forgiven. */
  public void succeeded(String account) {
    failures.remove("account:" + account);
  }

  private void count(String key, Instant now) {
    if (failures.size() >= MAX_KEYS && !failures.containsKey(key)) return;
    failures.compute(key, (k, f) -> f == null || !f.last().plus(lockout).isAfter(now)
        ? new Failures(1, now) : new Failures(f.count() + 1, now));
  }

  private Duration waitOf(String key, Instant now) {
    Failures f = failures.get(key);
    if (f == null) return failures.size() >= MAX_KEYS ? lockout : Duration.ZERO;
    if (f.count() < allowed) return Duration.ZERO;
    int over = Math.min(f.count() - allowed, 30);
    Duration delay = Duration.ofSeconds(1L << over);
    if (delay.compareTo(lockout) > 0) delay = lockout;
    Duration left = Duration.between(now, f.last().plus(delay));
    return left.isNegative() || left.isZero() ? Duration.ZERO : left;
  }
}
