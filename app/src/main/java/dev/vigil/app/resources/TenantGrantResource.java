package dev.vigil.app.resources;

import dev.vigil.app.api.ListBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.app.http.QueryParams;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.controls.model.Grant;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Every grant of the caller's tenant, whatever its agent, filtered by agent, connection and
 * status: the population AC-1 to AC-4 examine, as an auditor reads it. Changing grants stays
 * with {@link GrantResource}, under their agent.
 */
@Path("/api/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
public final class TenantGrantResource {

  private final GrantStore grants;

  public TenantGrantResource(GrantStore grants) {
    this.grants = grants;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<Grant> list(@Auth Caller caller, @QueryParam("agentId") String agentId,
      @QueryParam("connectionId") String connectionId, @QueryParam("status") String status,
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    String named = QueryParams.value(status);
    GrantStore.Status wanted = named == null ? null : GrantStore.Status.ofWire(named)
        .orElseThrow(() -> Rejected.invalid("status: must be active, expired or revoked"));
    Paging p = Paging.of(cursor, limit);
    GrantStore.Filter filter = new GrantStore.Filter(QueryParams.value(agentId), QueryParams.value(connectionId),
        wanted);
    return ListBody.of(grants.list(caller.tenantId(), filter, p.after(), p.limit()));
  }
}
