package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.RunTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts the scheduled runs a period is missing. The moments of the scheduled runs that started
 * in the period (each run's {@code scheduledFor}, or its start when it has none), with the
 * period's start and end as the outer bounds, cut the period into gaps. A gap of length
 * {@code g} is missing {@code max(0, ceil((g - tolerance) / interval) - 1)} runs: as many
 * whole intervals as fit in it, less the one that ends at the next run, after giving the
 * schedule a tenth of an interval ({@link #TOLERANCE_DIVISOR}) for jitter. Counting at the bounds as at
 * runs means a moment within the tolerance of the period's start or end is never called
 * missed: the report claims no miss that jitter could explain. Each gap is judged by the
 * interval in force at its start (the one its opening run recorded), so a schedule changed in
 * the period counts neither the old runs as too few nor the new ones as too many.
 */
final class MissedRuns {

  /** The jitter allowed per gap is the interval divided by this: a tenth, 30 seconds of 5 minutes. */
  static final int TOLERANCE_DIVISOR = 10;

  private MissedRuns() {}

  /** A moment that bounds a gap, and the interval in force from it. */
  private record Bound(Instant at, Duration interval) {}

  static int count(Period period, ControlHistory history) {
    List<Bound> bounds = new ArrayList<>();
    bounds.add(new Bound(period.from(), Schedules.inForceAt(period.from(), history)));
    history.runs().stream().filter(r -> r.trigger() == RunTrigger.SCHEDULE && period.contains(r.startedAt()))
        .map(r -> new Bound(period.clamp(r.scheduledFor() == null ? r.startedAt() : r.scheduledFor()),
            history.intervalOf(r)))
        .sorted(Comparator.comparing(Bound::at)).forEach(bounds::add);
    bounds.add(new Bound(period.to(), null));
    long missed = 0;
    for (int i = 1; i < bounds.size(); i++) {
      Duration interval = bounds.get(i - 1).interval();
      missed += inGap(Duration.between(bounds.get(i - 1).at(), bounds.get(i).at()), interval,
          interval.dividedBy(TOLERANCE_DIVISOR));
    }
    return Math.toIntExact(missed);
  }

  /** {@code max(0, ceil((gap - tolerance) / interval) - 1)}, in whole nanoseconds. */
  static long inGap(Duration gap, Duration interval, Duration tolerance) {
    long slack = gap.minus(tolerance).toNanos();
    if (slack <= 0) return 0;
    long i = interval.toNanos();
    return Math.max(0, (slack + i - 1) / i - 1);
  }
}
