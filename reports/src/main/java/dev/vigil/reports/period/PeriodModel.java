package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.RunTrigger;
import java.util.List;

/**
 * Turns what the caller read for one control into what a report says of it for a period. Pure:
 * no clock, no database; the same inputs give the same answer. docs/reports.md states the rules.
 */
public final class PeriodModel {

  private PeriodModel() {}

  public static ControlPeriod of(Period period, ControlHistory history) {
    List<StatusSegment> effective = StatusTimeline.effective(period, history);
    List<PeriodDeviation> deviations = Deviations.of(period, effective, history);
    return new ControlPeriod(history.control(), Schedules.of(period, history), period, counts(period, history),
        StatusTimeline.clipped(period, effective), deviations,
        ExceptionCoverage.of(period, history.exceptions(), deviations));
  }

  private static RunCounts counts(Period period, ControlHistory history) {
    List<ControlRun> in = history.runs().stream().filter(r -> period.contains(r.startedAt())).toList();
    return new RunCounts(count(in, RunTrigger.SCHEDULE), count(in, RunTrigger.CHANGE), count(in, RunTrigger.MANUAL),
        MissedRuns.count(period, history));
  }

  private static int count(List<ControlRun> runs, RunTrigger trigger) {
    return (int) runs.stream().filter(r -> r.trigger() == trigger).count();
  }
}
