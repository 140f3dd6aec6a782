package dev.vigil.app.resources;

import dev.vigil.app.api.EvidenceDocBody;
import dev.vigil.app.api.EvidenceQuery;
import dev.vigil.app.api.EvidenceSearchBody;
import dev.vigil.app.api.ReindexBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.config.Evidence;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.Hit;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * The evidence index of the caller's tenant: search it, read one document, and rebuild it
 * from the chain. Readers of the audit trail search; admins rebuild, admins and compliance
 * follow the rebuild. The index is confined to the tenant by the index itself, whatever the
 * query says.
 */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
public final class EvidenceResource {

  private final Evidence evidence;
  private final Catalog catalog;
  private final Clock clock;

  public EvidenceResource(Evidence evidence, Catalog catalog, Clock clock) {
    this.evidence = evidence;
    this.catalog = catalog;
    this.clock = clock;
  }

  @GET
  @Path("/search")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public EvidenceSearchBody search(@Auth Caller caller, @BeanParam EvidenceQuery query) {
    return EvidenceSearchBody.of(evidence.index().search(caller.tenantId(), query.request(catalog)), EvidenceLinks::of);
  }

  /** One document; an unknown type is an unknown path, so 404 like an unknown id. */
  @GET
  @Path("/{type}/{id: .+}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public EvidenceDocBody document(@Auth Caller caller, @PathParam("type") String type, @PathParam("id") String id) {
    DocType t = DocType.fromWire(type).orElseThrow(() -> Rejected.notFound("evidence type", type));
    Hit hit = evidence.index().find(caller.tenantId(), t, id).orElseThrow(() -> Rejected.notFound(type, id));
    return EvidenceDocBody.document(hit, EvidenceLinks.of(hit));
  }

  /** Starts rebuilding the tenant's index in the background: 202 with its progress; 409 while one runs. */
  @POST
  @Path("/reindex")
  @RolesAllowed(Roles.ADMIN)
  @ApiResponse(responseCode = "202", description = "Started",
      content = @Content(schema = @Schema(implementation = ReindexBody.class)))
  public Response reindex(@Auth Caller caller) {
    return Response.accepted(ReindexBody.of(evidence.jobs().start(caller.tenantId(), caller.actor()),
        clock.instant())).build();
  }

  @GET
  @Path("/reindex")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
  public ReindexBody progress(@Auth Caller caller) {
    return evidence.jobs().latest(caller.tenantId()).map(p -> ReindexBody.of(p, clock.instant())).orElseThrow(() ->
        new Rejected(Rejected.Reason.NOT_FOUND, "no rebuild of this tenant's evidence index since the server started"));
  }
}
