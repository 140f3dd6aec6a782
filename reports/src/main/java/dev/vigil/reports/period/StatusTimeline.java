package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.ControlStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A control's status over time from its runs. A run's result holds from its start until the
 * next run starts (runs in the order they took effect); a pass, or a not applicable, holds no
 * longer than the schedule it ran under promises a next run ({@link ControlHistory#resultLifetime}),
 * and the control is not run after it, as before the first run known. Silence never counts in
 * the control's favour: a pass is evidence of one test, and a not applicable of one look that
 * found nothing to test, not of the hours without runs after it, while a failure stands until
 * a run finds it gone. Runs starting at or after the period's end are ignored: they say nothing of the
 * period. Consecutive stretches of one status are one segment, so a failing segment is a
 * maximal failing interval.
 */
final class StatusTimeline {

  private StatusTimeline() {}

  /**
   * The segments up to the period's end, starting at the period's start or at the first run
   * before it, whichever is earlier: a segment that began before the period keeps its start.
   */
  static List<StatusSegment> effective(Period period, ControlHistory history) {
    List<ControlRun> runs = history.runs().stream().filter(r -> r.startedAt().isBefore(period.to())).toList();
    List<StatusSegment> out = new ArrayList<>();
    Instant firstStart = runs.isEmpty() ? period.to() : runs.get(0).startedAt();
    if (firstStart.isAfter(period.from())) add(out, new StatusSegment(ControlStatus.NOT_RUN, period.from(), firstStart));
    for (int i = 0; i < runs.size(); i++) {
      Instant next = i + 1 < runs.size() ? runs.get(i + 1).startedAt() : period.to();
      ControlStatus status = runs.get(i).result().status();
      Instant stale = runs.get(i).startedAt().plus(history.resultLifetime(runs.get(i)));
      Instant end = StatusSegment.operating(status) && stale.isBefore(next) ? stale : next;
      add(out, new StatusSegment(status, runs.get(i).startedAt(), end));
      add(out, new StatusSegment(ControlStatus.NOT_RUN, end, next));
    }
    return List.copyOf(out);
  }

  /** The segments that share time with the period, cut to it. */
  static List<StatusSegment> clipped(Period period, List<StatusSegment> effective) {
    return effective.stream().filter(s -> period.overlaps(s.start(), s.end()))
        .map(s -> new StatusSegment(s.status(), period.clamp(s.start()), period.clamp(s.end()))).toList();
  }

  /** Appends {@code s}, dropping it when empty (two runs starting at once) and merging it into an equal last one. */
  private static void add(List<StatusSegment> out, StatusSegment s) {
    if (!s.end().isAfter(s.start())) return;
    if (!out.isEmpty()) {
      StatusSegment last = out.get(out.size() - 1);
      if (last.status() == s.status()) {
        out.set(out.size() - 1, new StatusSegment(s.status(), last.start(), s.end()));
        return;
      }
    }
    out.add(s);
  }
}
