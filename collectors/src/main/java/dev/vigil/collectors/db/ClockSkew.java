package dev.vigil.collectors.db;

import java.time.Duration;
import java.time.Instant;

/**
 * How far ahead of the server's clock a time that a caller reports (an event's
 * {@code occurredAt}, an incident's timeline, a vendor review's {@code reviewedAt}) may lie
 * before it counts as "in the future". Callers' clocks disagree with ours by seconds or
 * minutes; without this allowance an honest report from a slightly fast clock would be
 * refused. One allowance for every store, so a time accepted by one is accepted by all.
 */
public final class ClockSkew {

  public static final Duration ALLOWED = Duration.ofMinutes(5);

  private ClockSkew() {}

  /** The latest time a caller may report while the server's clock reads {@code now}. */
  public static Instant latest(Instant now) {
    return now.plus(ALLOWED);
  }
}
