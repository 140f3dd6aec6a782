package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.controls.catalog.ControlInfo;
import java.time.Duration;
import java.util.List;

/**
 * One control over one period, as a Type II report states it: the control as declared (id,
 * title, family, criteria, test procedure) and its schedule, how often it ran, its status
 * timeline cut to the period, how long it was passing, every deviation and every approved
 * exception in force.
 */
public record ControlPeriod(ControlInfo control, Duration interval, Period period, RunCounts runs,
    List<StatusSegment> timeline, List<PeriodDeviation> deviations, List<ExceptionInForce> exceptions) {

  /** What a report prints when a control has no deviation in the period. */
  public static final String NO_DEVIATIONS = "no deviations noted";

  public ControlPeriod {
    timeline = List.copyOf(timeline);
    deviations = List.copyOf(deviations);
    exceptions = List.copyOf(exceptions);
  }

  public boolean noDeviationsNoted() {
    return deviations.isEmpty();
  }

  /** How long, in total, the control was passing within the period. */
  public Duration passing() {
    return timeline.stream().filter(s -> s.status() == ControlStatus.PASSING).map(StatusSegment::length)
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** {@link #passing()} as a share of the whole period, from 0 to 1. */
  public double passingShare() {
    return (double) passing().toNanos() / period.length().toNanos();
  }

  /** "no deviations noted", or how many were. */
  public String conclusion() {
    return deviations.isEmpty() ? NO_DEVIATIONS
        : deviations.size() + (deviations.size() == 1 ? " deviation noted" : " deviations noted");
  }
}
