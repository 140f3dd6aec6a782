package dev.vigil.reports.pack;

import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.reports.period.Period;
import java.io.IOException;

/** Where the package reads a control's runs from: the database, or a test's list. */
public interface RunSource {

  /**
   * Hands {@code each} every run of the control that started in the period, with its evidence
   * record exactly as stored (null when the run has none), a page at a time, so that a year of
   * runs is never held at once.
   */
  void forEach(String tenantId, String controlId, Period period, Visitor each) throws IOException;

  /** Receives one run and its stored evidence record. */
  @FunctionalInterface
  interface Visitor {
    void accept(ControlRun run, String evidence) throws IOException;
  }
}
