package dev.vigil.app.resources;

import dev.vigil.app.api.CreateUser;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.UpdateUser;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.model.User;
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

/** The people of the caller's tenant. Admins change them; admins, compliance and auditors read them. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserResource {

  private final UserStore users;

  public UserResource(UserStore users) {
    this.users = users;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = User.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateUser body) {
    User user = users.create(caller.tenantId(), caller.actor(), body.email(), body.name(), body.role(),
        body.password());
    return Response.status(201).entity(user).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<User> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(users.list(caller.tenantId(), p.after(), p.limit()));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public User get(@Auth Caller caller, @PathParam("id") String id) {
    return users.find(caller.tenantId(), id).orElseThrow(() -> Rejected.notFound("user", id));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  public User update(@Auth Caller caller, @PathParam("id") String id, @NotNull @Valid UpdateUser body) {
    return users.update(caller.tenantId(), caller.actor(), id,
        new UserStore.Change(body.name(), body.role(), body.active()));
  }
}
