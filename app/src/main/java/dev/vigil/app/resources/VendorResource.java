package dev.vigil.app.resources;

import dev.vigil.app.api.CreateVendor;
import dev.vigil.app.api.CreateVendorReview;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.UpdateVendor;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.vendors.VendorStore;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
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

/** Vendors and their security reviews. Admins record them; admins, compliance and auditors read them. */
@Path("/api/v1/vendors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class VendorResource {

  private final VendorStore vendors;

  public VendorResource(VendorStore vendors) {
    this.vendors = vendors;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = Vendor.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateVendor body) {
    Vendor v = vendors.create(caller.tenantId(), caller.actor(), body.name(), body.criticality(),
        body.services(), body.dataShared(), body.ownerId());
    return Response.status(201).entity(v).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<Vendor> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(vendors.list(caller.tenantId(), p.after(), p.limit()));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public Vendor get(@Auth Caller caller, @PathParam("id") String id) {
    return vendors.find(caller.tenantId(), id).orElseThrow(() -> Rejected.notFound("vendor", id));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  public Vendor update(@Auth Caller caller, @PathParam("id") String id, @NotNull @Valid UpdateVendor body) {
    return vendors.update(caller.tenantId(), caller.actor(), id, new VendorStore.Change(body.name(),
        body.criticality(), body.services(), body.dataShared(), body.status(), body.ownerId()));
  }

  @POST
  @Path("/{id}/reviews")
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "201", description = "Created",
      content = @Content(schema = @Schema(implementation = VendorReview.class)))
  public Response review(@Auth Caller caller, @PathParam("id") String id,
      @NotNull @Valid CreateVendorReview body) {
    VendorReview r = vendors.review(caller.tenantId(), caller.actor(), id, new VendorStore.NewReview(
        body.reviewedAt(), body.reviewer(), body.outcome(), body.soc2PeriodEnd(), body.notes()));
    return Response.status(201).entity(r).build();
  }

  @GET
  @Path("/{id}/reviews")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<VendorReview> reviews(@Auth Caller caller, @PathParam("id") String id,
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    get(caller, id);
    return ListBody.of(vendors.reviews(caller.tenantId(), id, p.after(), p.limit()));
  }
}
