package dev.vigil.app.api;

import dev.vigil.evidence.follow.Progress;
import java.time.Duration;
import java.time.Instant;

/**
 * A rebuild of the caller's evidence index as it stands: {@code state} running, done or
 * failed; chain entries replayed of those the chain held when it began; documents written and
 * their rate; {@code eta} the time left at that rate, an ISO 8601 duration (null until the
 * first batch); {@code error} why it failed.
 */
public record ReindexBody(String state, long entries, long totalEntries, double percent, long documents,
    long documentsPerSecond, String eta, Instant startedAt, Instant finishedAt, String error) {

  public static ReindexBody of(Progress p, Instant now) {
    Duration eta = p.eta(now);
    // Until the rebuild has counted the chain, nothing is done (Progress counts an empty chain as all done).
    double percent = p.state().equals(Progress.RUNNING) && p.totalEntries() == 0 ? 0 : p.percent();
    return new ReindexBody(p.state(), p.entries(), p.totalEntries(), Math.round(percent * 10) / 10.0,
        p.documents(), Math.round(p.documentsPerSecond(now)), eta == null ? null : eta.withNanos(0).toString(),
        p.startedAt(), p.finishedAt(), p.error());
  }
}
