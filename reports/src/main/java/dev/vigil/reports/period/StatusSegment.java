package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlStatus;
import java.time.Duration;
import java.time.Instant;

/** A stretch {@code [start, end)} in which a control held one status. */
public record StatusSegment(ControlStatus status, Instant start, Instant end) {

  public Duration length() {
    return Duration.between(start, end);
  }
}
