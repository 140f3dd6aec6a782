package dev.vigil.app.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a replayed history: it stands still until the replay moves it, and only moves
 * forward, so everything written through it is stamped with the moment of the story it belongs
 * to. Thread-safe.
 */
final class ReplayClock extends Clock {

  private volatile Instant now;

  ReplayClock(Instant start) {
    this.now = start;
  }

  /** Moves to {@code t}; refuses to go back, which would break the chain's time order. */
  void moveTo(Instant t) {
    if (t.isBefore(now)) throw new IllegalArgumentException("the replay is at " + now + ", cannot go back to " + t);
    now = t;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) throw new UnsupportedOperationException("a replay runs in UTC");
    return this;
  }
}
