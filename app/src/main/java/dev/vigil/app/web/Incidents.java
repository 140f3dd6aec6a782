package dev.vigil.app.web;

import dev.vigil.controls.model.Incident;
import dev.vigil.reports.content.IncidentOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How the pages show an incident: its status and each SLA clock in words, never in colour
 * alone. The SLAs themselves (what, within how long, due when) are the incident controls', as
 * {@link dev.vigil.reports.load.IncidentSlas} reads them for reports too.
 */
public final class Incidents {

  private Incidents() {}

  /** One SLA of an incident as a page shows it: what had to happen, within how long, by when, when it did. */
  public record SlaClock(String name, Duration within, Instant due, Instant doneAt, Status state) {}

  static List<SlaClock> clocks(IncidentOutcome outcome, Instant now) {
    return outcome.slas().stream().map(s -> clock(s, now)).toList();
  }

  /** Containment, the SLA every incident has (IR-1). */
  static SlaClock containment(IncidentOutcome outcome, Instant now) {
    return clock(outcome.slas().get(0), now);
  }

  private static SlaClock clock(IncidentOutcome.Sla s, Instant now) {
    Status state = switch (s.outcome(now)) {
      case MET -> new Status("passing", "Met");
      case MISSED -> s.doneAt() != null
          ? new Status("failing", "Missed by " + PageView.span(Duration.between(s.due(), s.doneAt())))
          : new Status("failing", "Overdue by " + PageView.span(Duration.between(s.due(), now)));
      case PENDING -> new Status("error", PageView.span(Duration.between(now, s.due())) + " left");
    };
    return new SlaClock(name(s.name()), s.within(), s.due(), s.doneAt(), state);
  }

  private static String name(String sla) {
    return switch (sla) {
      case "contained" -> "Containment";
      case "customers notified" -> "Customer notification";
      case "postmortem" -> "Post-incident review";
      default -> Labels.of(sla);
    };
  }

  static Status status(Incident i) {
    if (i.resolvedAt() != null) return new Status("passing", "Resolved");
    if (i.containedAt() != null) return new Status("error", "Contained");
    return new Status("failing", "Open");
  }

  static String severity(Incident i) {
    return i.severity().wire().toUpperCase(Locale.ROOT);
  }
}
