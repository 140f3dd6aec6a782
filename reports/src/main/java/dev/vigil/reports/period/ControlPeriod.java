package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.controls.catalog.ControlInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One control over one period, as a Type II report states it: the control as declared (id,
 * title, family, criteria, test procedure) and the schedules in force (more than one when the
 * configuration changed in the period), how often it ran, its status
 * timeline cut to the period, how long it was passing and how long not applicable, every
 * deviation and every approved exception in force.
 */
public record ControlPeriod(ControlInfo control, List<ScheduleSpan> schedules, Period period, RunCounts runs,
    List<StatusSegment> timeline, List<PeriodDeviation> deviations, List<ExceptionInForce> exceptions) {

  /** What a report prints when a control has no deviation in the period. */
  public static final String NO_DEVIATIONS = "no deviations noted";

  /** How a report begins the conclusion of a control that was not applicable throughout the period. */
  public static final String NOT_APPLICABLE = "not applicable";

  public ControlPeriod {
    if (schedules.isEmpty()) throw new IllegalArgumentException("a period has at least one schedule");
    schedules = List.copyOf(schedules);
    timeline = List.copyOf(timeline);
    deviations = List.copyOf(deviations);
    exceptions = List.copyOf(exceptions);
  }

  /** The schedule interval in force at the period's end. */
  public Duration interval() {
    return schedules.get(schedules.size() - 1).interval();
  }

  /**
   * The shortest interval in force in the period, which sets the sample size: a control that ran
   * more often for part of the period is sampled as the more frequent control it then was.
   */
  public Duration shortestInterval() {
    return schedules.stream().map(ScheduleSpan::interval).min(Duration::compareTo).orElseThrow();
  }

  /**
   * The schedules in words: "every 5 minutes", or after a change "every 1 hour until
   * 2026-11-30T12:00:00Z, then every 5 minutes", with {@code words} naming an interval and
   * {@code time} a moment.
   */
  public String scheduleWords(Function<Duration, String> words, Function<Instant, String> time) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < schedules.size(); i++) {
      ScheduleSpan s = schedules.get(i);
      out.append(i == 0 ? "every " : ", then every ").append(words.apply(s.interval()));
      if (i + 1 < schedules.size()) out.append(" until ").append(time.apply(s.to()));
    }
    return out.toString();
  }

  public boolean noDeviationsNoted() {
    return deviations.isEmpty();
  }

  /** How long, in total, the control was passing within the period. */
  public Duration passing() {
    return total(ControlStatus.PASSING);
  }

  /** {@link #passing()} as a share of the whole period, from 0 to 1. */
  public double passingShare() {
    return share(passing());
  }

  /**
   * How long, in total, the control was not applicable within the period: its runs found
   * nothing to test. Neither passing nor a deviation.
   */
  public Duration notApplicable() {
    return total(ControlStatus.NOT_APPLICABLE);
  }

  /** {@link #notApplicable()} as a share of the whole period, from 0 to 1. */
  public double notApplicableShare() {
    return share(notApplicable());
  }

  /**
   * Whether every run the period depends on found nothing to test: no deviation, and no
   * passing time. Such a period is no evidence that the control operated on anything, and its
   * conclusion says so rather than "no deviations noted".
   */
  public boolean notApplicableThroughout() {
    return deviations.isEmpty() && passing().isZero();
  }

  /**
   * "no deviations noted", or how many were; for a control {@link #notApplicableThroughout},
   * "not applicable: every run in the period found" what its declaration says ("no active
   * grant").
   */
  public String conclusion() {
    if (notApplicableThroughout()) {
      return NOT_APPLICABLE + ": every run in the period found " + foundWhenNotApplicable();
    }
    return deviations.isEmpty() ? NO_DEVIATIONS
        : deviations.size() + (deviations.size() == 1 ? " deviation noted" : " deviations noted");
  }

  /** What a not applicable run of the control found, as its declaration words it: "no active grant". */
  public String foundWhenNotApplicable() {
    return control.notApplicableWhen().orElse("nothing to test");
  }

  private Duration total(ControlStatus status) {
    return timeline.stream().filter(s -> s.status() == status).map(StatusSegment::length)
        .reduce(Duration.ZERO, Duration::plus);
  }

  private double share(Duration d) {
    return (double) d.toNanos() / period.length().toNanos();
  }
}
