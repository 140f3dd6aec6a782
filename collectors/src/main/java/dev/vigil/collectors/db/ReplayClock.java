package dev.vigil.collectors.db;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a history written after the fact (the demo's story, a benchmark's estate): it
 * stands still until its writer moves it, and only moves forward, so everything stamped with it
 * (times, ids) belongs to the moment of the history it was written for, in order. Thread-safe.
 */
public final class ReplayClock extends Clock {

  private volatile Instant now;

  public ReplayClock(Instant start) {
    this.now = start;
  }

  /** Moves to {@code t}; refuses to go back, which would break the chain's time order. */
  public void moveTo(Instant t) {
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
    if (!ZoneOffset.UTC.equals(zone)) throw new IllegalArgumentException("a replay runs in UTC, not " + zone);
    return this;
  }
}
