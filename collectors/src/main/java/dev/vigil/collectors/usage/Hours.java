package dev.vigil.collectors.usage;

import java.time.Instant;

/**
 * The hour buckets of the action rollups: an entry's hour is its event_time's whole seconds
 * since 1970 over 3600 ({@link UsageDao#EPOCH_HOUR}, the same arithmetic in SQL). A window
 * starting at {@code since} reads whole buckets from {@link #fullFrom}, and the entries of the
 * partial bucket before it, {@code since <= event_time < }{@link #edgeEnd}, from the chain.
 *
 * @param fullFrom the first hour wholly at or after {@code since}
 * @param edgeEnd where that hour starts: the end of the window's partial first hour (equal to
 *     {@code since} when it falls on an hour)
 */
public record Hours(long fullFrom, Instant edgeEnd) {

  static final long SECONDS = 3600;

  /**
   * The buckets of a window starting at {@code since}: from the second hour of 1970, since
   * SQL's integer division puts the last hour before 1970 into the first hour after it.
   */
  public static Hours from(Instant since) {
    if (since.getEpochSecond() < SECONDS) throw new IllegalArgumentException("a window starts after 1970-01-01T01:00Z");
    long hour = since.getEpochSecond() / SECONDS;
    boolean onTheHour = since.getEpochSecond() % SECONDS == 0 && since.getNano() == 0;
    long full = onTheHour ? hour : hour + 1;
    return new Hours(full, Instant.ofEpochSecond(full * SECONDS));
  }
}
