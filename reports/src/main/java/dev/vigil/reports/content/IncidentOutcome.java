package dev.vigil.reports.content;

import dev.vigil.controls.model.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An incident open at some time in the period, with each of its SLAs and how it went. */
public record IncidentOutcome(Incident incident, List<Sla> slas) {

  public IncidentOutcome {
    slas = List.copyOf(slas);
  }

  /**
   * One SLA of an incident: what had to happen ("contained", "customers notified", "postmortem"),
   * within how long of detection, by when, and when it happened (null: not yet).
   */
  public record Sla(String name, Duration within, Instant due, Instant doneAt) {

    /** Met when done by the due time; missed when done late or not done by {@code asOf}, past due. */
    public Outcome outcome(Instant asOf) {
      if (doneAt != null) return doneAt.isAfter(due) ? Outcome.MISSED : Outcome.MET;
      return asOf.isAfter(due) ? Outcome.MISSED : Outcome.PENDING;
    }
  }

  public enum Outcome {
    MET,
    MISSED,
    PENDING
  }
}
