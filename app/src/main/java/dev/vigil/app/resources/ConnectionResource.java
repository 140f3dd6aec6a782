package dev.vigil.app.resources;

import dev.vigil.app.api.ConnectionBody;
import dev.vigil.app.api.CreateConnection;
import dev.vigil.app.api.LeaseRequest;
import dev.vigil.app.api.LeaseResponse;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.PutCredential;
import dev.vigil.app.api.UpdateConnection;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.RecheckedAtCommit;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.decisions.DecisionStore;
import dev.vigil.controls.model.Connection;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.PUT;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Connections to apps. Credentials are write-only here: reads show only whether one is stored,
 * under which key and since when.
 */
@Path("/api/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ConnectionResource {

  private final ConnectionStore connections;
  private final DecisionStore decisions;

  public ConnectionResource(ConnectionStore connections, DecisionStore decisions) {
    this.connections = connections;
    this.decisions = decisions;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = ConnectionBody.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateConnection body) {
    Connection c = connections.create(caller.tenantId(), caller.actor(), body.name(), body.app(),
        body.vendorId(), body.endpoint());
    return Response.status(201).entity(ConnectionBody.of(new ConnectionStore.View(c, null))).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<ConnectionBody> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    var page = connections.list(caller.tenantId(), p.after(), p.limit());
    return new ListBody<>(page.items().stream().map(ConnectionBody::of).toList(), page.nextCursor());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ConnectionBody get(@Auth Caller caller, @PathParam("id") String id) {
    return connections.find(caller.tenantId(), id).map(ConnectionBody::of)
        .orElseThrow(() -> Rejected.notFound("connection", id));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  public ConnectionBody update(@Auth Caller caller, @PathParam("id") String id,
      @NotNull @Valid UpdateConnection body) {
    return ConnectionBody.of(connections.update(caller.tenantId(), caller.actor(), id,
        new ConnectionStore.Change(body.name(), body.vendorId(), body.endpoint())));
  }

  /** Destroys the credential, revokes the grants and retires the connection, for good (409 when retired). */
  @POST
  @Path("/{id}/retire")
  @RolesAllowed(Roles.ADMIN)
  public ConnectionBody retire(@Auth Caller caller, @PathParam("id") String id) {
    return ConnectionBody.of(connections.retire(caller.tenantId(), caller.actor(), id));
  }

  @DELETE
  @Path("/{id}/credential")
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "204", description = "Deleted")
  public Response deleteCredential(@Auth Caller caller, @PathParam("id") String id) {
    connections.deleteCredential(caller.tenantId(), caller.actor(), id);
    return Response.noContent().build();
  }

  @PUT
  @Path("/{id}/credential")
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "204", description = "Stored")
  public Response storeCredential(@Auth Caller caller, @PathParam("id") String id,
      @NotNull @Valid PutCredential body) {
    connections.storeCredential(caller.tenantId(), caller.actor(), id, body.secret());
    return Response.noContent().build();
  }

  /**
   * Hands the credential to the calling agent when one of its grants allows {@code action} on
   * this connection (403 otherwise). Both outcomes are audited; the secret never is.
   */
  @POST
  @Path("/{id}/credential/lease")
  @RecheckedAtCommit
  @RolesAllowed(Roles.AGENT)
  @ApiResponse(responseCode = "200", description = "The credential, leased",
      content = @Content(schema = @Schema(implementation = LeaseResponse.class)))
  public Response lease(@Auth Caller caller, @PathParam("id") String id, @NotNull @Valid LeaseRequest body) {
    DecisionStore.Lease lease = decisions.lease(caller.tenantId(), caller.actor(), caller.policyVersion(), caller.agentId(), id,
        body.action());
    if (!lease.recorded().decision().allowed()) {
      throw Rejected.forbidden("lease denied: " + lease.recorded().decision().reason()
          + " (decision " + lease.recorded().decisionId() + ")");
    }
    return Response.ok(new LeaseResponse(lease.secret(), lease.expiresAt(),
        lease.recorded().decision().grantId(), lease.recorded().decisionId()))
        .header("Cache-Control", "no-store").build();
  }
}
