package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.model.ControlException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Which approved exceptions were in force in a period (until they lapsed or were revoked), and which deviations' members they covered. */
final class ExceptionCoverage {

  private ExceptionCoverage() {}

  static List<ExceptionInForce> of(Period period, List<ControlException> exceptions, List<PeriodDeviation> deviations) {
    return exceptions.stream().filter(e -> period.overlaps(e.createdAt(), e.endsAt()))
        .sorted(Comparator.comparing(ControlException::createdAt).thenComparing(ControlException::id))
        .map(e -> new ExceptionInForce(e, covered(period, e, deviations))).toList();
  }

  private static List<ExceptionInForce.Covered> covered(Period period, ControlException e,
      List<PeriodDeviation> deviations) {
    List<ExceptionInForce.Covered> out = new ArrayList<>();
    for (PeriodDeviation d : deviations) {
      if (d.status() != ControlStatus.FAILING || !names(d, e.subjectId())) continue;
      Instant end = d.end() == null ? period.to() : d.end();
      Instant from = later(d.start(), e.createdAt());
      Instant to = earlier(end, e.endsAt());
      if (from.isBefore(to)) out.add(new ExceptionInForce.Covered(d.start(), e.subjectId(), from, to));
    }
    return out;
  }

  private static boolean names(PeriodDeviation d, String subjectId) {
    return Stream.concat(d.members().stream().map(Deviation::subjectId), d.findings().stream().map(Finding::subjectId))
        .anyMatch(subjectId::equals);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
