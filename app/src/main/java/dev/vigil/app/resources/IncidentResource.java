package dev.vigil.app.resources;

import dev.vigil.app.api.CreateIncident;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.UpdateIncident;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.incidents.IncidentStore;
import dev.vigil.controls.model.Incident;
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

/** Incidents and their timelines. Admins record them; admins, compliance and auditors read them. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class IncidentResource {

  private final IncidentStore incidents;

  public IncidentResource(IncidentStore incidents) {
    this.incidents = incidents;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = Incident.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateIncident body) {
    Incident i = incidents.create(caller.tenantId(), caller.actor(), body.title(), body.severity(),
        body.detectedAt(), body.affectsCustomerData(), body.description(), body.commanderId());
    return Response.status(201).entity(i).build();
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  public Incident update(@Auth Caller caller, @PathParam("id") String id, @NotNull @Valid UpdateIncident body) {
    return incidents.update(caller.tenantId(), caller.actor(), id,
        new IncidentStore.Correction(body.title(), body.severity(), body.commanderId()), new IncidentStore.Timeline(
        body.containedAt(), body.customersNotifiedAt(), body.resolvedAt(), body.postmortemAt()));
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<Incident> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(incidents.list(caller.tenantId(), p.after(), p.limit()));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public Incident get(@Auth Caller caller, @PathParam("id") String id) {
    return incidents.find(caller.tenantId(), id).orElseThrow(() -> Rejected.notFound("incident", id));
  }
}
