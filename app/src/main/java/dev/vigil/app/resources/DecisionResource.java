package dev.vigil.app.resources;

import dev.vigil.app.api.AuthorizeRequest;
import dev.vigil.app.api.AuthorizeResponse;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.RecheckedAtCommit;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.metrics.DataPlaneMetrics;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.controls.model.Role;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The agent runtime's question: may this agent act? The answer leaves only after the decision
 * is committed to the audit chain. (The credential lease lives with the connections.) Its own
 * root path, not {@code /api/v1} with a method path: Jersey matches a request against root paths
 * longest first, one regular expression each, and the hottest call of the API should not try
 * every other root before its own.
 */
@Path("/api/v1/authorize")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class DecisionResource {

  private final DecisionStore decisions;
  private final DataPlaneMetrics metrics;

  public DecisionResource(DecisionStore decisions, DataPlaneMetrics metrics) {
    this.decisions = decisions;
    this.metrics = metrics;
  }

  @POST
  @RecheckedAtCommit
  @RolesAllowed({Roles.AGENT, Roles.INGEST, Roles.ADMIN})
  public AuthorizeResponse authorize(@Auth Caller caller, @NotNull @Valid AuthorizeRequest body) {
    String agentId = agentOf(caller, body.agentId());
    DecisionStore.Recorded r = decisions.authorize(caller.tenantId(), caller.actor(), caller.policyVersion(), agentId,
        body.connectionId(), body.action(), body.resource());
    metrics.decided(r.decision().allowed());
    return new AuthorizeResponse(r.decision().allowed() ? "allow" : "deny", r.decision().reason(),
        r.decision().grantId(), r.decisionId());
  }

  /** An agent token speaks for its own agent only; other roles must name the agent. */
  private static String agentOf(Caller caller, String requested) {
    if (caller.role() == Role.AGENT) {
      if (requested != null && !requested.equals(caller.agentId())) {
        throw Rejected.forbidden("agentId: an agent token asks only for its own agent");
      }
      return caller.agentId();
    }
    if (requested == null || requested.isBlank()) throw Rejected.invalid("agentId: required for this token");
    return requested;
  }
}
