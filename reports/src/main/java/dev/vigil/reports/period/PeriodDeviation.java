package dev.vigil.reports.period;

import dev.vigil.collectors.monitoring.ControlStatus;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.catalog.Deviation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deviation noted in a period: a maximal interval in which the control was failing, or in
 * which it was not tested (its runs ended in error, or it had not run yet).
 *
 * @param status FAILING, ERROR or NOT_RUN: what the control's status was throughout
 * @param start when the interval began; before the period's start when {@code beganBeforePeriod}
 *     (then it is the start of the earliest run the caller supplied that shows it, so it may have
 *     begun earlier still)
 * @param end when a run first showed another status, or null when still so at the period's end
 * @param runIds the runs, in effect order, that held the status within the interval
 * @param members the failing members named by those runs (each once, first detail kept, at most
 *     the number a run's evidence lists by name); empty unless failing
 * @param findings the control's findings open at some time in the interval; empty unless failing
 * @param errors the distinct reasons the runs gave for not evaluating; empty unless ERROR
 */
public record PeriodDeviation(ControlStatus status, Instant start, boolean beganBeforePeriod, Instant end,
    List<String> runIds, List<Deviation> members, List<Finding> findings, List<String> errors) {

  public PeriodDeviation {
    runIds = List.copyOf(runIds);
    members = List.copyOf(members);
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
  }

  /** "failing", or "not tested" for an interval in error or not run: what a report prints. */
  public String kind() {
    return status == ControlStatus.FAILING ? "failing" : "not tested";
  }

  public boolean openAtPeriodEnd() {
    return end == null;
  }

  /** {@code end - start}; empty while open at the period's end. */
  public Optional<Duration> timeToRemediate() {
    return end == null ? Optional.empty() : Optional.of(Duration.between(start, end));
  }
}
