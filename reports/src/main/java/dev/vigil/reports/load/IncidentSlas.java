package dev.vigil.reports.load;

import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.IncidentControls;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.Severity;
import dev.vigil.reports.content.IncidentOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An incident's SLAs, with the parameters the incident controls judge them by, so the system
 * description and IR-1 to IR-3 agree: containment within its severity's SLA of detection
 * (IR-1); customers notified within the notification hours of detection when it touched
 * customer data (IR-2); a post-incident review within the postmortem days of resolution for a
 * resolved sev1 or sev2 (IR-3: an unresolved one owes no review yet, so it has no such SLA).
 * The dashboard's incident pages show their clocks from here too.
 */
public final class IncidentSlas {

  private final ControlParameters parameters;

  public IncidentSlas(ControlParameters parameters) {
    this.parameters = parameters;
  }

  public IncidentOutcome of(Incident i) {
    List<IncidentOutcome.Sla> slas = new ArrayList<>();
    Duration containment = parameters.get(IncidentControls.CONTAINMENT_SLA).get(i.severity());
    slas.add(sla("contained", containment, i, i.containedAt()));
    if (i.affectsCustomerData()) {
      Duration notify = Duration.ofHours(parameters.get(IncidentControls.NOTIFICATION_HOURS));
      slas.add(sla("customers notified", notify, i, i.customersNotifiedAt()));
    }
    boolean serious = i.severity() == Severity.SEV1 || i.severity() == Severity.SEV2;
    if (serious && i.resolvedAt() != null) {
      Duration review = Duration.ofDays(parameters.get(IncidentControls.POSTMORTEM_DAYS));
      slas.add(new IncidentOutcome.Sla("postmortem", review, i.resolvedAt().plus(review), i.postmortemAt()));
    }
    return new IncidentOutcome(i, slas);
  }

  private static IncidentOutcome.Sla sla(String name, Duration within, Incident i, Instant doneAt) {
    return new IncidentOutcome.Sla(name, within, i.detectedAt().plus(within), doneAt);
  }
}
