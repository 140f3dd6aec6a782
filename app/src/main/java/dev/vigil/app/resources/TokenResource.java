package dev.vigil.app.resources;

import dev.vigil.app.api.CreateToken;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.TokenCreated;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.controls.model.ApiToken;
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

/** API tokens of the caller's tenant. Admins only. */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public final class TokenResource {

  private final TokenStore tokens;

  public TokenResource(TokenStore tokens) {
    this.tokens = tokens;
  }

  @POST
  @ApiResponse(responseCode = "201", description = "Created; the only time the token's secret is shown",
      content = @Content(schema = @Schema(implementation = TokenCreated.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateToken body) {
    TokenStore.Issued issued = tokens.issue(caller.tenantId(), caller.actor(), body.name().strip(), body.role());
    return Response.status(201).entity(TokenCreated.of(issued)).build();
  }

  @GET
  public ListBody<ApiToken> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(tokens.list(caller.tenantId(), p.after(), p.limit()));
  }

  @DELETE
  @Path("/{id}")
  @ApiResponse(responseCode = "204", description = "Revoked")
  public Response revoke(@Auth Caller caller, @PathParam("id") String id) {
    tokens.revoke(caller.tenantId(), caller.actor(), id);
    return Response.noContent().build();
  }
}
