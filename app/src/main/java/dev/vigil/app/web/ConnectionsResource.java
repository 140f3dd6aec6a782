package dev.vigil.app.web;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Vendor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;

/**
 * The connections: the list a page at a time (each with its vendor, whether a credential is
 * stored, under which key and since when, and its status), and a connection's page with its
 * active grants and their agents, paged, and its open findings. A credential is write-only:
 * the pages read what {@link ConnectionStore} tells without decrypting it, never the secret.
 */
@Dashboard
@Path("/connections")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ConnectionsResource {

  static final int PER_PAGE = 50;
  static final int GRANTS_PER_PAGE = 20;
  static final int FINDINGS_PER_PAGE = 20;

  private final ConnectionStore connections;
  private final VendorStore vendors;
  private final GrantStore grants;
  private final AgentStore agents;
  private final ControlQueries queries;
  private final UserStore users;
  private final Clock clock;

  public ConnectionsResource(ConnectionStore connections, VendorStore vendors, GrantStore grants, AgentStore agents,
      ControlQueries queries, UserStore users, Clock clock) {
    this.connections = connections;
    this.vendors = vendors;
    this.grants = grants;
    this.agents = agents;
    this.queries = queries;
    this.users = users;
    this.clock = clock;
  }

  @GET
  public ConnectionsPage list(@Context ContainerRequestContext request, @QueryParam("after") String after) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Page<ConnectionStore.View> page = connections.list(tenant, Params.cursor(after), PER_PAGE);
    Map<String, String> vendorNames = Names.of(page.items().stream().map(v -> v.connection().vendorId()),
        id -> vendors.find(tenant, id).map(Vendor::name));
    return new ConnectionsPage(session, Paged.of(page, after), vendorNames);
  }

  @GET
  @Path("/{id}")
  public ConnectionPage connection(@Context ContainerRequestContext request, @PathParam("id") String id,
      @QueryParam("grants") String grantsAfter, @QueryParam("findings") String findingsAfter) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    ConnectionStore.View view = connections.find(tenant, id)
        .orElseThrow(() -> PageRefused.notFound(session, "connection " + id));
    String vendor = vendors.find(tenant, view.connection().vendorId()).map(Vendor::name)
        .orElse(view.connection().vendorId());
    Page<Grant> active = grants.list(tenant, new GrantStore.Filter(null, id, GrantStore.Status.ACTIVE),
        Params.cursor(grantsAfter), GRANTS_PER_PAGE);
    Map<String, String> agentNames = Names.of(active.items().stream().map(Grant::agentId),
        a -> agents.find(tenant, a).map(Agent::name));
    Page<Finding> findings = queries.findingsAbout(tenant, id, FindingStatus.OPEN, Params.cursor(findingsAfter),
        FINDINGS_PER_PAGE);
    return new ConnectionPage(session, view, vendor, grants.activeOnConnection(tenant, id),
        Paged.of(active, grantsAfter), agentNames, new OpenFindings(Paged.of(findings, findingsAfter),
            UserNames.of(users, tenant, findings.items().stream().map(Finding::ownerId)), clock.instant()));
  }
}
