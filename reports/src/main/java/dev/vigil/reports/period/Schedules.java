package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The schedule intervals in force over a period, from the interval each run recorded: the one
 * in force at a moment is that of the last run started by then (of the first run, before any
 * run). A configuration change shows as a new span from the first run under it.
 */
final class Schedules {

  private Schedules() {}

  static List<ScheduleSpan> of(Period period, ControlHistory history) {
    List<ControlRun> runs = history.runs().stream().filter(r -> r.startedAt().isBefore(period.to())).toList();
    Duration current = inForceAt(period.from(), history);
    Instant from = period.from();
    List<ScheduleSpan> out = new ArrayList<>();
    for (ControlRun r : runs) {
      if (!r.startedAt().isAfter(period.from())) continue;
      Duration next = history.intervalOf(r);
      if (!next.equals(current)) {
        out.add(new ScheduleSpan(current, from, r.startedAt()));
        current = next;
        from = r.startedAt();
      }
    }
    out.add(new ScheduleSpan(current, from, period.to()));
    return List.copyOf(out);
  }

  /** The interval in force at {@code at}. */
  static Duration inForceAt(Instant at, ControlHistory history) {
    ControlRun last = null;
    for (ControlRun r : history.runs()) {
      if (r.startedAt().isAfter(at)) break;
      last = r;
    }
    if (last == null && !history.runs().isEmpty()) last = history.runs().get(0);
    return last == null ? history.interval() : history.intervalOf(last);
  }
}
