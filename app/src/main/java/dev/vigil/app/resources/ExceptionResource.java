package dev.vigil.app.resources;

import dev.vigil.app.api.CreateException;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.RevokeException;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.exceptions.ExceptionStore;
import dev.vigil.controls.model.ControlException;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Approved exceptions to controls. Admins approve them, admins and compliance revoke them; auditors may read them as evidence. */
@Path("/api/v1/exceptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ExceptionResource {

  private final ExceptionStore exceptions;

  public ExceptionResource(ExceptionStore exceptions) {
    this.exceptions = exceptions;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = ControlException.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateException body) {
    ControlException e = exceptions.create(caller.tenantId(), caller.actor(), body.controlId(),
        body.subjectId(), body.reason(), body.approvedBy(), body.expiresAt());
    return Response.status(201).entity(e).build();
  }

  /** Ends an approved exception now; the control it excused re-runs (409 when revoked or lapsed). */
  @POST
  @Path("/{id}/revoke")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
  public ControlException revoke(@Auth Caller caller, @PathParam("id") String id,
      @NotNull @Valid RevokeException body) {
    return exceptions.revoke(caller.tenantId(), caller.actor(), id, body.revokedBy(), body.reason());
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<ControlException> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(exceptions.list(caller.tenantId(), p.after(), p.limit()));
  }
}
