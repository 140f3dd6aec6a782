package dev.vigil.app.web;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.model.Incident;
import dev.vigil.reports.load.IncidentSlas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The incidents: the list a page at a time with each one's containment clock against its
 * severity's SLA, and an incident's page with its timeline, every SLA clock (containment,
 * customer notification, post-incident review, as the IR controls' parameters set them) and
 * its open findings. Read-only: incidents are recorded through the API.
 */
@Dashboard
@Path("/incidents")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class IncidentsResource {

  static final int PER_PAGE = 50;
  static final int FINDINGS_PER_PAGE = 20;

  private final IncidentStore incidents;
  private final IncidentSlas slas;
  private final ControlQueries queries;
  private final UserStore users;
  private final Clock clock;

  public IncidentsResource(IncidentStore incidents, IncidentSlas slas, ControlQueries queries, UserStore users,
      Clock clock) {
    this.incidents = incidents;
    this.slas = slas;
    this.queries = queries;
    this.users = users;
    this.clock = clock;
  }

  @GET
  public IncidentsPage list(@Context ContainerRequestContext request, @QueryParam("after") String after) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Page<Incident> page = incidents.list(tenant, Params.cursor(after), PER_PAGE);
    return new IncidentsPage(session, Paged.of(page, after), slas,
        UserNames.of(users, tenant, page.items().stream().map(Incident::commanderId)), clock.instant());
  }

  @GET
  @Path("/{id}")
  public IncidentPage incident(@Context ContainerRequestContext request, @PathParam("id") String id,
      @QueryParam("findings") String findingsAfter) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Incident incident = incidents.find(tenant, id).orElseThrow(() -> PageRefused.notFound(session, "incident " + id));
    Page<Finding> findings = queries.findingsAbout(tenant, id, FindingStatus.OPEN, Params.cursor(findingsAfter),
        FINDINGS_PER_PAGE);
    Map<String, String> names = UserNames.of(users, tenant,
        Stream.concat(Stream.of(incident.commanderId()), findings.items().stream().map(Finding::ownerId)));
    Instant now = clock.instant();
    return new IncidentPage(session, incident, Incidents.clocks(slas.of(incident), now), names,
        new OpenFindings(Paged.of(findings, findingsAfter), names, now));
  }
}
