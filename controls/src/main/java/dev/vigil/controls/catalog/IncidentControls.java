package dev.vigil.controls.catalog;

import static dev.vigil.controls.catalog.Durations.days;
import static dev.vigil.controls.catalog.Durations.format;

import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The incident controls IR-1 to IR-3: incidents are contained within their severity's SLA,
 * customers are told in time, and serious incidents get a post-incident review. Each examines
 * the incidents detected within the lookback window. Stateless.
 */
public final class IncidentControls {

  private IncidentControls() {}

  /** IR-1 to IR-3, in catalog order, with the thresholds of {@code p}. */
  public static List<Control> all(ControlParameters p) {
    return List.of(containment(p), notification(p), postmortem(p));
  }

  static Control containment(ControlParameters p) {
    String slas = Stream.of(Severity.values())
        .map(sev -> sev.wire() + " " + format(p.containmentSla().get(sev)))
        .collect(Collectors.joining(", "));
    return RuleControl.of("IR-1", "Incident containment within SLA", Family.INCIDENTS, List.of("CC7.3", "CC7.4"),
        "Inspected every incident detected within the " + days(p.incidentLookbackDays()) + " before the run and"
            + " checked that it was contained within its severity's SLA (" + slas + ").",
        EnumSet.of(Fact.INCIDENTS),
        (s, now) -> {
          List<Incident> incidents = recent(s, now, p);
          List<Deviation> out = new ArrayList<>();
          for (Incident i : incidents) {
            Duration sla = p.containmentSla().get(i.severity());
            Instant end = i.containedAt() == null ? now : i.containedAt();
            Duration took = Duration.between(i.detectedAt(), end);
            if (took.compareTo(sla) <= 0) continue;
            out.add(new Deviation(i.id(), i.severity().wire() + " incident " + i.id() + " detected "
                + i.detectedAt() + (i.containedAt() == null ? " is still not contained after " : " was contained after ")
                + format(took) + "; SLA " + format(sla)));
          }
          return RuleControl.found(incidents.size(), out);
        });
  }

  static Control notification(ControlParameters p) {
    Duration limit = Duration.ofHours(p.notificationHours());
    return RuleControl.of("IR-2", "Timely customer notification", Family.INCIDENTS, List.of("CC7.4", "CC2.3"),
        "Inspected every incident detected within the " + days(p.incidentLookbackDays()) + " before the run that"
            + " touched customer data and checked that customers were notified within " + p.notificationHours()
            + " hours of detection.",
        EnumSet.of(Fact.INCIDENTS),
        (s, now) -> {
          List<Incident> touching = recent(s, now, p).stream().filter(Incident::affectsCustomerData).toList();
          List<Deviation> out = new ArrayList<>();
          for (Incident i : touching) {
            Instant end = i.customersNotifiedAt() == null ? now : i.customersNotifiedAt();
            Duration took = Duration.between(i.detectedAt(), end);
            if (took.compareTo(limit) <= 0) continue;
            out.add(new Deviation(i.id(), "incident " + i.id() + " detected " + i.detectedAt()
                + " touched customer data and customers "
                + (i.customersNotifiedAt() == null ? "have still not been notified after " : "were notified after ")
                + format(took) + " (" + took.toHours() + "h); limit " + p.notificationHours() + "h"));
          }
          return RuleControl.found(touching.size(), out);
        });
  }

  static Control postmortem(ControlParameters p) {
    int n = p.postmortemDays();
    Duration limit = Duration.ofDays(n);
    return RuleControl.of("IR-3", "Post-incident reviews", Family.INCIDENTS, List.of("CC7.5"),
        "Inspected every resolved sev1 or sev2 incident detected within the " + days(p.incidentLookbackDays())
            + " before the run and checked that a post-incident review followed resolution within " + days(n) + ".",
        EnumSet.of(Fact.INCIDENTS),
        (s, now) -> {
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
          return RuleControl.found(serious.size(), out);
        });
  }

  /** Incidents detected at or after {@code now} minus the lookback. */
  private static List<Incident> recent(Snapshot s, Instant now, ControlParameters p) {
    Instant from = now.minus(Duration.ofDays(p.incidentLookbackDays()));
    return s.incidents().stream().filter(i -> !i.detectedAt().isBefore(from)).toList();
  }
}
