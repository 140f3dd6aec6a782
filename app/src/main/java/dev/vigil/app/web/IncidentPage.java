package dev.vigil.app.web;

import dev.vigil.controls.model.Incident;
import java.util.List;
import java.util.Map;

/** An incident's page; see {@link IncidentsResource#incident}. */
public final class IncidentPage extends PageView {

  private final Incident incident;
  private final List<Incidents.SlaClock> clocks;
  private final Map<String, String> names;
  private final OpenFindings findings;

  IncidentPage(WebSession session, Incident incident, List<Incidents.SlaClock> clocks, Map<String, String> names,
      OpenFindings findings) {
    super("incident.ftlh", session, incident.title(), "incidents");
    this.incident = incident;
    this.clocks = clocks;
    this.names = names;
    this.findings = findings;
  }

  public Incident getIncident() {
    return incident;
  }

  public String getSeverity() {
    return Incidents.severity(incident);
  }

  public Status getStatus() {
    return Incidents.status(incident);
  }

  public String getCommander() {
    return incident.commanderId() == null ? "—" : names.getOrDefault(incident.commanderId(), incident.commanderId());
  }

  public List<Incidents.SlaClock> getClocks() {
    return clocks;
  }

  /** How long an SLA allows, as people read it. */
  public String within(Incidents.SlaClock c) {
    return span(c.within());
  }

  public OpenFindings getFindings() {
    return findings;
  }
}
