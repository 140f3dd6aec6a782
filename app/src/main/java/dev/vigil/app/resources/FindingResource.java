package dev.vigil.app.resources;

import dev.vigil.app.api.ListBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.controls.catalog.Catalog;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Findings: each failing member of a control, from the run that opened it to the run that resolved it. */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public final class FindingResource {

  private final Catalog catalog;
  private final ControlQueries queries;

  public FindingResource(Catalog catalog, ControlQueries queries) {
    this.catalog = catalog;
    this.queries = queries;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<Finding> list(@Auth Caller caller, @QueryParam("status") String status,
      @QueryParam("controlId") String controlId, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    status = status == null || status.isBlank() ? null : status;
    controlId = controlId == null || controlId.isBlank() ? null : controlId;
    if (status != null && !status.equals("open") && !status.equals("resolved")) {
      throw Rejected.invalid("status: must be open or resolved");
    }
    if (controlId != null && catalog.find(controlId).isEmpty()) {
      throw Rejected.invalid("controlId: no control " + controlId + " in the catalog");
    }
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(queries.findings(caller.tenantId(), status, controlId, p.after(), p.limit()));
  }
}
