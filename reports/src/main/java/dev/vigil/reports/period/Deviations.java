package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.catalog.Deviation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds a period's deviations in a control's effective timeline: every segment that is
 * failing, in error or not run and shares time with the period, with the runs, members and
 * findings behind it. Passing and not applicable segments are none: the control was tested,
 * and found nothing failing or nothing to test.
 */
final class Deviations {

  private Deviations() {}

  static List<PeriodDeviation> of(Period period, List<StatusSegment> effective, ControlHistory history) {
    return effective.stream()
        .filter(s -> !s.operating() && period.overlaps(s.start(), s.end()))
        .map(s -> deviation(period, s, history)).toList();
  }

  /**
   * The deviation of segment {@code s}, with the runs that held its status (a run of another
   * status starting at the same instant was overtaken at once and held nothing).
   */
  private static PeriodDeviation deviation(Period period, StatusSegment s, ControlHistory history) {
    List<ControlRun> runs = history.runs().stream()
        .filter(r -> !r.startedAt().isBefore(s.start()) && r.startedAt().isBefore(s.end()))
        .filter(r -> r.result().status() == s.status()).toList();
    boolean failing = s.status() == ControlStatus.FAILING;
    Instant end = s.end().equals(period.to()) ? null : s.end();
    return new PeriodDeviation(s.status(), s.start(), s.start().isBefore(period.from()), end,
        runs.stream().map(ControlRun::id).toList(),
        failing ? members(runs) : List.of(),
        failing ? overlapping(history.findings(), s) : List.of(),
        runs.stream().map(ControlRun::error).filter(Objects::nonNull).distinct().toList());
  }

  private static List<Deviation> members(List<ControlRun> runs) {
    Map<String, Deviation> bySubject = new LinkedHashMap<>();
    for (ControlRun r : runs) {
      for (Deviation d : r.exceptions()) bySubject.putIfAbsent(d.subjectId(), d);
    }
    return List.copyOf(bySubject.values());
  }

  /** Findings open at some instant of {@code [s.start, s.end)}, by when they opened. */
  private static List<Finding> overlapping(List<Finding> findings, StatusSegment s) {
    return findings.stream()
        .filter(f -> f.openedAt().isBefore(s.end()) && (f.resolvedAt() == null || f.resolvedAt().isAfter(s.start())))
        .sorted((a, b) -> a.openedAt().compareTo(b.openedAt())).toList();
  }
}
