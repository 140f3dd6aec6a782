package dev.vigil.collectors.verification;

import java.time.Duration;
import java.time.Instant;

/**
 * How many older entries a run re-verifies: what is left of the rolling pass, spread over the
 * sweeps still due before the pass's deadline ({@code period} after it started), so that the
 * pass ends in time even when the chain grows or a sweep was missed. Counting only whole
 * intervals before the deadline finishes a pass a sweep early rather than a moment late.
 * Stateless.
 */
final class SliceSize {

  private SliceSize() {}

  /**
   * @param left the entries the pass has still to re-verify
   * @param interval the time between sweeps; not positive when none is scheduled, and then
   *     each run takes all that is left
   * @param minimum the least a run re-verifies, so that short chains are re-verified whole
   */
  static long of(long left, Instant passStartedAt, Instant now, Duration interval, Duration period, long minimum) {
    long sweeps = 1;
    if (interval.compareTo(Duration.ZERO) > 0) {
      sweeps = Math.max(1, Duration.between(now, passStartedAt.plus(period)).dividedBy(interval));
    }
    long even = left / sweeps + (left % sweeps == 0 ? 0 : 1);
    return Math.max(minimum, even);
  }
}
