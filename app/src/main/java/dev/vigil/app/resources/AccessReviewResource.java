package dev.vigil.app.resources;

import dev.vigil.app.api.CreateAccessReview;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.controls.model.AccessReview;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Access reviews; a {@code revoke} decision revokes all of the agent's grants. */
@Path("/api/v1/access-reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AccessReviewResource {

  private final GrantStore grants;

  public AccessReviewResource(GrantStore grants) {
    this.grants = grants;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = AccessReview.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateAccessReview body) {
    AccessReview r = grants.review(caller.tenantId(), caller.actor(), body.agentId(), body.reviewerId(),
        body.decision(), body.notes());
    return Response.status(201).entity(r).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<AccessReview> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(grants.reviews(caller.tenantId(), p.after(), p.limit()));
  }
}
