package dev.vigil.app.resources;

import dev.vigil.app.api.CreateAgent;
import dev.vigil.app.api.CreateAgentToken;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.TokenCreated;
import dev.vigil.app.api.UpdateAgent;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.agents.AgentStore;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.model.Agent;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The agents of the caller's tenant. Admins change them; admins, compliance and auditors read them. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AgentResource {

  private final AgentStore agents;

  public AgentResource(AgentStore agents) {
    this.agents = agents;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = Agent.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateAgent body) {
    Agent agent = agents.create(caller.tenantId(), caller.actor(), body.name(), body.ownerId(),
        body.description());
    return Response.status(201).entity(agent).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<Agent> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(agents.list(caller.tenantId(), p.after(), p.limit()));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public Agent get(@Auth Caller caller, @PathParam("id") String id) {
    return agents.find(caller.tenantId(), id).orElseThrow(() -> Rejected.notFound("agent", id));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  public Agent update(@Auth Caller caller, @PathParam("id") String id, @NotNull @Valid UpdateAgent body) {
    return agents.update(caller.tenantId(), caller.actor(), id, new AgentStore.Change(body.status(), body.ownerId()));
  }

  @POST
  @Path("/{id}/tokens")
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created; the only time the token's secret is shown",
      content = @Content(schema = @Schema(implementation = TokenCreated.class)))
  public Response createToken(@Auth Caller caller, @PathParam("id") String id, @Valid CreateAgentToken body) {
    String name = body == null ? null : body.name();
    return Response.status(201)
        .entity(TokenCreated.of(agents.issueToken(caller.tenantId(), caller.actor(), id, name)))
        .build();
  }
}
