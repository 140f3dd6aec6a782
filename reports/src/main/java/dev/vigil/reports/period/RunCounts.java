package dev.vigil.reports.period;

/**
 * How often a control ran in a period, by trigger (runs that started in the period), and how
 * many scheduled runs are missing ({@link MissedRuns} says how they are counted).
 */
public record RunCounts(int scheduled, int changeTriggered, int manual, int missedScheduled) {

  public int total() {
    return scheduled + changeTriggered + manual;
  }
}
