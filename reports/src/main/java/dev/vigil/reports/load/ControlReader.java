package dev.vigil.reports.load;

import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingFilter;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.model.ControlException;
import dev.vigil.reports.period.ControlHistory;
import dev.vigil.reports.period.Period;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One control's history for a period, read through {@link ControlQueries}: its runs that
 * started in the period (streamed newest first, each with its evidence record, whose
 * member list goes to the sample's {@link RunLists}, and which go on to the {@link PeriodSink},
 * so the evidence is read once for the history, the sample and the package), the
 * last run before the period (the status it starts in), and its findings open at some instant
 * of the period.
 */
final class ControlReader {

  private final ControlQueries queries;
  private final StoredRuns stored;

  ControlReader(ControlQueries queries, StoredRuns stored) {
    this.queries = queries;
    this.stored = stored;
  }

  ControlHistory read(String tenantId, ControlInfo control, Duration interval, Period period,
      List<ControlException> exceptions, RunLists lists, PeriodSink sink) throws IOException {
    List<ControlRun> runs = new ArrayList<>();
    sink.runs(control.id(), each -> stored.forEachStored(tenantId, control.id(), period, s -> {
      runs.add(s.run());
      lists.add(s.run().id(), s.members());
      each.accept(s.run(), s.evidence());
    }));
    runs.addAll(queries.runs(tenantId, control.id(), null, period.from(), null, 1).items());
    List<Finding> findings = new ArrayList<>();
    Pages.forEach(cursor -> queries.findings(tenantId, FindingFilter.ofControl(control.id()), cursor, Pages.SIZE), f -> {
      if (period.overlaps(f.openedAt(), f.closedAt())) findings.add(f);
    });
    return new ControlHistory(tenantId, control, interval, runs, findings, exceptions);
  }
}
