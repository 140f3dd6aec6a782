package dev.vigil.evidence.follow;

import java.time.Duration;
import java.time.Instant;

/**
 * A rebuild of one tenant's index as it goes: entries replayed of those the chain held when it
 * began, documents written, and when it started and (once done) finished or failed.
 */
public record Progress(String tenantId, String state, long entries, long totalEntries, long documents,
    Instant startedAt, Instant finishedAt, String error) {

  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  /** Share of the entries replayed, 0 to 100. */
  public double percent() {
    return totalEntries == 0 ? 100 : Math.min(100, 100.0 * entries / totalEntries);
  }

  /** Documents written per second so far. */
  public double documentsPerSecond(Instant now) {
    double seconds = Duration.between(startedAt, finishedAt == null ? now : finishedAt).toMillis() / 1000.0;
    return seconds <= 0 ? 0 : documents / seconds;
  }

  /** The time left at the pace so far; null before any entry is replayed. */
  public Duration eta(Instant now) {
    if (finishedAt != null) return Duration.ZERO;
    if (entries == 0) return null;
    long elapsed = Duration.between(startedAt, now).toMillis();
    return Duration.ofMillis((long) (elapsed * (double) (totalEntries - entries) / entries));
  }

  /** One line for a terminal. */
  public String line(Instant now) {
    Duration eta = eta(now);
    return String.format("tenant %s: %,d of %,d entries (%.0f%%), %,d documents, %,.0f documents/s%s", tenantId,
        entries, totalEntries, percent(), documents, documentsPerSecond(now),
        eta == null ? "" : ", ETA " + format(eta));
  }

  private static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? (s / 3600) + "h " + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + "s";
  }
}
