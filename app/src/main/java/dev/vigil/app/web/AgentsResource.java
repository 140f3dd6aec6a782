package dev.vigil.app.web;

import static dev.vigil.app.web.Params.blank;

import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.grants.GrantUse;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.LeastPrivilegeControls;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.Grant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The agents: the list a page at a time, and an agent's page (its owner, status, tokens by name,
 * its active grants with their use, the over-broad and unused ones marked, and its actions
 * outside every grant). Read-only: agents are changed through the API.
 */
@Dashboard
@Path("/agents")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class AgentsResource {

  static final int PER_PAGE = 50;
  static final int GRANTS_PER_PAGE = 20;
  static final int TOKENS_SHOWN = 50;
  /** The control whose open findings mark a grant unused. */
  static final String UNUSED = "AC-3";
  /** The control that fails on actions outside every grant. */
  static final String OUTSIDE = "AC-6";
  /** How far back the page counts a grant's uses and the actions outside every grant. */
  static final Duration RECENT = Duration.ofDays(30);
  /** How many groups (connection and action) of actions outside every grant the page lists. */
  static final int OUTSIDE_SHOWN = 10;

  private final AgentStore agents;
  private final GrantStore grants;
  private final TokenStore tokens;
  private final ConnectionStore connections;
  private final UserStore users;
  private final ControlQueries queries;
  private final GrantUse use;
  private final ControlParameters parameters;
  private final Clock clock;

  public AgentsResource(AgentStore agents, GrantStore grants, TokenStore tokens, ConnectionStore connections,
      UserStore users, ControlQueries queries, GrantUse use, ControlParameters parameters, Clock clock) {
    this.agents = agents;
    this.grants = grants;
    this.tokens = tokens;
    this.connections = connections;
    this.users = users;
    this.queries = queries;
    this.use = use;
    this.parameters = parameters;
    this.clock = clock;
  }

  @GET
  public AgentsPage list(@Context ContainerRequestContext request, @QueryParam("after") String after) {
    WebSession session = WebSession.of(request);
    Page<Agent> page = agents.list(session.tenantId(), blank(after) ? "" : after, PER_PAGE);
    return new AgentsPage(session, page,
        UserNames.of(users, session.tenantId(), page.items().stream().map(Agent::ownerId)), !blank(after));
  }

  @GET
  @Path("/{id}")
  public AgentPage agent(@Context ContainerRequestContext request, @PathParam("id") String id,
      @QueryParam("grants") String after) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Agent agent = agents.find(tenant, id).orElseThrow(() -> PageRefused.notFound(session, "agent " + id));
    Page<Grant> page = grants.ofAgent(tenant, id, false, blank(after) ? "" : after, GRANTS_PER_PAGE);
    Instant now = clock.instant();
    Instant recent = now.minus(RECENT);
    // A grant's last use is looked for as far back as AC-3 looks, and at least over the recent window.
    Duration unusedLimit = Duration.ofDays(parameters.get(LeastPrivilegeControls.UNUSED_GRANT_DAYS));
    Instant since = now.minus(unusedLimit.compareTo(RECENT) > 0 ? unusedLimit : RECENT);
    List<String> grantIds = page.items().stream().map(Grant::id).toList();
    var uses = use.ofGrants(tenant, id, grantIds, since, recent);
    var outside = use.outside(tenant, id, recent, OUTSIDE_SHOWN);
    Map<String, String> connectionNames = new HashMap<>();
    Stream.concat(page.items().stream().map(Grant::connectionId),
        outside.latest().stream().map(GrantUse.OutsideGroup::connectionId)).filter(Objects::nonNull).distinct()
        .forEach(c ->
        connectionNames.put(c, connections.find(tenant, c).map(v -> v.connection().name()).orElse(c)));
    var unused = queries.openFindingSubjects(tenant, UNUSED, grantIds);
    String owner = UserNames.of(users, tenant, Stream.ofNullable(agent.ownerId())).get(agent.ownerId());
    return new AgentPage(session, agent, owner, tokens.ofAgent(tenant, id, "", TOKENS_SHOWN), page, connectionNames,
        unused, new AgentPage.Use(uses, outside, since, now), !blank(after));
  }
}
