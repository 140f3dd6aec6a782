package dev.vigil.app.web;

import dev.vigil.controls.model.Incident;
import dev.vigil.reports.load.IncidentSlas;
import java.time.Instant;
import java.util.Map;

/** The incidents list; see {@link IncidentsResource#list}. */
public final class IncidentsPage extends PageView {

  private final Paged<Incident> incidents;
  private final IncidentSlas slas;
  private final Map<String, String> commanders;
  private final Instant now;

  IncidentsPage(WebSession session, Paged<Incident> incidents, IncidentSlas slas, Map<String, String> commanders,
      Instant now) {
    super("incidents.ftlh", session, "Incidents", "incidents");
    this.incidents = incidents;
    this.slas = slas;
    this.commanders = commanders;
    this.now = now;
  }

  public Paged<Incident> getIncidents() {
    return incidents;
  }

  /** The incident's containment clock against its severity's SLA. */
  public Incidents.SlaClock containment(Incident i) {
    return Incidents.containment(slas.of(i), now);
  }

  public String commander(Incident i) {
    return i.commanderId() == null ? "—" : commanders.getOrDefault(i.commanderId(), i.commanderId());
  }

  public String severity(Incident i) {
    return Incidents.severity(i);
  }

  public Status status(Incident i) {
    return Incidents.status(i);
  }
}
