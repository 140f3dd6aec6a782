package dev.vigil.reports.load;

import dev.vigil.reports.period.Period;
import java.io.IOException;

/**
 * Where a control's runs of a period are read from: the database ({@link StoredRuns}, which the
 * reader uses), or a test's list (the evidence package's {@code write} takes one for content
 * read already).
 */
@FunctionalInterface
public interface RunSource {

  /**
   * Hands {@code each} every run of the control that started in the period, with its evidence
   * record exactly as stored (null when the run has none), streamed, so that a year of runs is
   * never held at once.
   */
  void forEach(String tenantId, String controlId, Period period, PeriodSink.RunVisitor each) throws IOException;
}
