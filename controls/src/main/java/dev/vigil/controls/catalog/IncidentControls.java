package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Durations.days;
import static dev.vigil.controls.catalog.Durations.format;

import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The incident controls IR-1 to IR-3: incidents are contained within their severity's SLA,
 * customers are told in time, and serious incidents get a post-incident review. Each examines
 * the incidents detected within the lookback window. Stateless.
 */
public final class IncidentControls {

  private static final String OPENED = "incident.opened";
  private static final String UPDATED = "incident.updated";
  // A corrected severity changes the SLA (IR-1) and whether IR-3 examines the incident.
  private static final String CORRECTED = "incident.corrected";

  private IncidentControls() {}

  /** IR-1 to IR-3, in catalog order. */
  public static List<ControlDeclaration> all() {
    return List.of(IR_1, IR_2, IR_3);
  }

  public static final Parameter<Map<Severity, Duration>> CONTAINMENT_SLA = Parameter.minutesPerSeverity(
      "containmentSlaMinutes", Map.of(Severity.SEV1, 240, Severity.SEV2, 1440, Severity.SEV3, 4320,
          Severity.SEV4, 10080), 1, "IR-1: the containment SLA of each severity, in minutes");

  public static final Parameter<Integer> INCIDENT_LOOKBACK_DAYS = Parameter.whole("incidentLookbackDays", 365, 1,
      "IR-1, IR-2, IR-3: incidents detected within this many days are examined");

  static final ControlDeclaration IR_1 = ControlDeclaration.control("IR-1", "Incident containment within SLA",
      Family.INCIDENTS).criteria("CC7.3", "CC7.4").reads(Fact.INCIDENTS).examines(Population.INCIDENTS)
      .triggeredBy(OPENED, UPDATED, CORRECTED)
      .parameters(CONTAINMENT_SLA, INCIDENT_LOOKBACK_DAYS)
      .procedure(p -> "Inspected every incident detected within the " + days(p.get(INCIDENT_LOOKBACK_DAYS))
          + " before the run and checked that it was contained within its severity's SLA (" + slas(p) + ").")
      .severity(FindingSeverity.HIGH)
      .remediation("Contain the incident and record when (PATCH /api/v1/incidents/{id} with containedAt); a "
          + "severity recorded wrongly is corrected with severity, and its SLA then applies. A containment "
          + "already late stays a finding until the incident leaves the look-back window, or an exception is "
          + "approved.")
      .notApplicableWhen("no incident detected in the window")
      .evaluates(IncidentControls::containment);

  private static Evaluation containment(Snapshot s, Instant now, ControlParameters p) {
    List<Incident> incidents = recent(s, now, p);
    List<Deviation> out = new ArrayList<>();
    for (Incident i : incidents) {
      Duration sla = p.get(CONTAINMENT_SLA).get(i.severity());
      Instant end = i.containedAt() == null ? now : i.containedAt();
      Duration took = Duration.between(i.detectedAt(), end);
      if (took.compareTo(sla) <= 0) continue;
      out.add(new Deviation(i.id(), i.severity().wire() + " incident " + i.id() + " detected "
          + i.detectedAt() + (i.containedAt() == null ? " is still not contained after " : " was contained after ")
          + format(took) + "; SLA " + format(sla)));
    }
    return RuleControl.found(incidents, Incident::id, out);
  }

  private static String slas(ControlParameters p) {
    return Stream.of(Severity.values())
        .map(sev -> sev.wire() + " " + format(p.get(CONTAINMENT_SLA).get(sev)))
        .collect(Collectors.joining(", "));
  }

  public static final Parameter<Integer> NOTIFICATION_HOURS = Parameter.whole("notificationHours", 72, 1,
      "IR-2: customers are told within this many hours of detection");

  static final ControlDeclaration IR_2 = ControlDeclaration.control("IR-2", "Timely customer notification",
      Family.INCIDENTS).criteria("CC7.4", "CC2.3").reads(Fact.INCIDENTS).examines(Population.INCIDENTS)
      .triggeredBy(OPENED, UPDATED, CORRECTED)
      .parameters(NOTIFICATION_HOURS, INCIDENT_LOOKBACK_DAYS)
      .procedure(p -> "Inspected every incident detected within the " + days(p.get(INCIDENT_LOOKBACK_DAYS))
          + " before the run that touched customer data and checked that customers were notified within "
          + p.get(NOTIFICATION_HOURS) + " hours of detection.")
      .severity(FindingSeverity.HIGH)
      .remediation("Notify the affected customers and record when (PATCH /api/v1/incidents/{id} with "
          + "customersNotifiedAt).")
      .notApplicableWhen("no incident detected in the window that touched customer data")
      .evaluates(IncidentControls::notification);

  private static Evaluation notification(Snapshot s, Instant now, ControlParameters p) {
    Duration limit = Duration.ofHours(p.get(NOTIFICATION_HOURS));
    List<Incident> touching = recent(s, now, p).stream().filter(Incident::affectsCustomerData).toList();
    List<Deviation> out = new ArrayList<>();
    for (Incident i : touching) {
      Instant end = i.customersNotifiedAt() == null ? now : i.customersNotifiedAt();
      Duration took = Duration.between(i.detectedAt(), end);
      if (took.compareTo(limit) <= 0) continue;
      out.add(new Deviation(i.id(), "incident " + i.id() + " detected " + i.detectedAt()
          + " touched customer data and customers "
          + (i.customersNotifiedAt() == null ? "have still not been notified after " : "were notified after ")
          + format(took) + " (" + took.toHours() + "h); limit " + p.get(NOTIFICATION_HOURS) + "h"));
    }
    return RuleControl.found(touching, Incident::id, out);
  }

  public static final Parameter<Integer> POSTMORTEM_DAYS = Parameter.whole("postmortemDays", 14, 1,
      "IR-3: a sev1 or sev2 post-incident review follows resolution within this many days");

  static final ControlDeclaration IR_3 = ControlDeclaration.control("IR-3", "Post-incident reviews", Family.INCIDENTS)
      .criteria("CC7.5").reads(Fact.INCIDENTS).examines(Population.INCIDENTS)
      .triggeredBy(OPENED, UPDATED, CORRECTED)
      .parameters(POSTMORTEM_DAYS, INCIDENT_LOOKBACK_DAYS)
      .procedure(p -> "Inspected every resolved sev1 or sev2 incident detected within the "
          + days(p.get(INCIDENT_LOOKBACK_DAYS)) + " before the run and checked that a post-incident review followed"
          + " resolution within " + days(p.get(POSTMORTEM_DAYS)) + ".")
      .severity(FindingSeverity.MEDIUM)
      .remediation("Hold the post-incident review and record when (PATCH /api/v1/incidents/{id} with postmortemAt).")
      .notApplicableWhen("no resolved sev1 or sev2 incident detected in the window")
      .evaluates(IncidentControls::postmortem);

  private static Evaluation postmortem(Snapshot s, Instant now, ControlParameters p) {
    int n = p.get(POSTMORTEM_DAYS);
    Duration limit = Duration.ofDays(n);
    List<Incident> serious = recent(s, now, p).stream()
        .filter(i -> i.severity() == Severity.SEV1 || i.severity() == Severity.SEV2)
        .filter(i -> i.resolvedAt() != null)
        .toList();
    List<Deviation> out = new ArrayList<>();
    for (Incident i : serious) {
      Instant end = i.postmortemAt() == null ? now : i.postmortemAt();
      Duration took = Duration.between(i.resolvedAt(), end);
      if (took.compareTo(limit) <= 0) continue;
      out.add(new Deviation(i.id(), i.severity().wire() + " incident " + i.id() + " resolved "
          + i.resolvedAt() + (i.postmortemAt() == null
              ? " still has no post-incident review after " + format(took)
              : " had its post-incident review only after " + format(took))
          + "; limit " + days(n)));
    }
    return RuleControl.found(serious, Incident::id, out);
  }

  /** Incidents detected at or after {@code now} minus the lookback. */
  private static List<Incident> recent(Snapshot s, Instant now, ControlParameters p) {
    Instant from = now.minus(Duration.ofDays(p.get(INCIDENT_LOOKBACK_DAYS)));
    return s.incidents().stream().filter(i -> !i.detectedAt().isBefore(from)).toList();
  }
}
