package dev.vigil.app.resources;

import dev.vigil.app.api.CreateGrant;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.controls.model.Grant;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An agent's grants: active ones by default, the whole history with {@code ?all=true}. */
@Path("/api/v1/agents/{agentId}/grants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class GrantResource {

  private final GrantStore grants;

  public GrantResource(GrantStore grants) {
    this.grants = grants;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = Grant.class)))
  public Response create(@Auth Caller caller, @PathParam("agentId") String agentId,
      @NotNull @Valid CreateGrant body) {
    Grant g = grants.create(caller.tenantId(), caller.actor(), agentId, new GrantStore.NewGrant(
        body.connectionId(), body.scopes(), body.justification(), body.requestedBy(),
        body.approvedBy(), body.expiresAt()));
    return Response.status(201).entity(g).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<Grant> list(@Auth Caller caller, @PathParam("agentId") String agentId,
      @QueryParam("all") String all, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    boolean history;
    if (all == null || all.equals("false")) {
      history = false;
    } else if (all.equals("true")) {
      history = true;
    } else {
      throw Rejected.malformed("all: expected true or false");
    }
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(grants.ofAgent(caller.tenantId(), agentId, history, p.after(), p.limit()));
  }

  @DELETE
  @Path("/{grantId}")
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "204", description = "Revoked")
  public Response revoke(@Auth Caller caller, @PathParam("agentId") String agentId,
      @PathParam("grantId") String grantId) {
    grants.revoke(caller.tenantId(), caller.actor(), agentId, grantId);
    return Response.noContent().build();
  }
}
