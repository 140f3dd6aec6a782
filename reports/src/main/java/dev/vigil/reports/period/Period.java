package dev.vigil.reports.period;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An observation period {@code [from, to)}: {@code from} is in it, {@code to} is not, so that
 * consecutive periods share no instant.
 */
public record Period(Instant from, Instant to) {

  public Period {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("a period ends after it starts: from " + from + ", to " + to);
    }
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  /** Whether {@code t} lies in {@code [from, to)}. */
  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  /**
   * Whether the interval {@code [start, end)} shares time with this period; a null {@code end}
   * means still open.
   */
  public boolean overlaps(Instant start, Instant end) {
    return start.isBefore(to) && (end == null || end.isAfter(from));
  }

  /** {@code t} moved into {@code [from, to]}. */
  public Instant clamp(Instant t) {
    return t.isBefore(from) ? from : t.isAfter(to) ? to : t;
  }
}
