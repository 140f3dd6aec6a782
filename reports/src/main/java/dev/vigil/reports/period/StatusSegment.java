package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlStatus;
import java.time.Duration;
import java.time.Instant;

/** A stretch {@code [start, end)} in which a control held one status. */
public record StatusSegment(ControlStatus status, Instant start, Instant end) {

  public Duration length() {
    return Duration.between(start, end);
  }

  /**
   * Whether the control was shown operating throughout: passing, or not applicable (a run
   * looked and found nothing to test). Neither is a deviation, and each lapses when no run
   * renews it; failing, error and not run are deviations.
   */
  public boolean operating() {
    return operating(status);
  }

  static boolean operating(ControlStatus status) {
    return status == ControlStatus.PASSING || status == ControlStatus.NOT_APPLICABLE;
  }
}
