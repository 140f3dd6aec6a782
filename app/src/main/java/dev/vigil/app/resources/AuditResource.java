package dev.vigil.app.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.app.api.CheckpointBody;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.PublicKeyBody;
import dev.vigil.app.api.VerificationBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.app.http.Times;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.audit.Exporter;
import dev.vigil.collectors.db.Page;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.AuditJson;
import dev.vigil.controls.audit.Checkpoint;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Base64;
import java.util.List;

/**
 * The caller's audit chain, for people who check it: entries with their hashes, a server-side
 * verification, the signing key, the signed checkpoints, and the offline-verifiable export.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
public final class AuditResource {

  private final AuditLog log;
  private final CheckpointStore checkpoints;
  private final Exporter exporter;

  public AuditResource(AuditLog log, CheckpointStore checkpoints, Exporter exporter) {
    this.log = log;
    this.checkpoints = checkpoints;
    this.exporter = exporter;
  }

  @GET
  @Path("/entries")
  public ListBody<ObjectNode> entries(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(null, limit);
    List<AuditEntry> fetched = log.after(caller.tenantId(), Paging.afterSeq(cursor), p.limit() + 1);
    return ListBody.of(Page.of(fetched, p.limit(), e -> Long.toString(e.seq())), AuditJson::toJson);
  }

  @GET
  @Path("/verify")
  public VerificationBody verify(@Auth Caller caller) {
    return VerificationBody.of(log.verify(caller.tenantId()));
  }

  @GET
  @Path("/public-key")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR, Roles.INGEST, Roles.AGENT})
  public PublicKeyBody publicKey() {
    CheckpointSigner signer = checkpoints.signer();
    return new PublicKeyBody("Ed25519", Base64.getEncoder().encodeToString(signer.publicKey()),
        signer.keyId(), Checkpoint.KEY_NAME);
  }

  @GET
  @Path("/checkpoints")
  public ListBody<CheckpointBody> checkpoints(@Auth Caller caller, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    Paging p = Paging.of(null, limit);
    Times.Window w = Times.window(from, to).closed();
    List<Checkpoint> fetched = checkpoints.byTime(caller.tenantId(), w.from(), w.to(), Paging.afterSeq(cursor),
        p.limit() + 1);
    return ListBody.of(Page.of(fetched, p.limit(), c -> Long.toString(c.size())), CheckpointBody::of);
  }

  /** The bundle that {@code verify} checks; it ends with a checkpoint covering its last entry. */
  @GET
  @Path("/export")
  @Produces("application/zip")
  @ApiResponse(responseCode = "200", description = "The bundle", content = {
        @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary"))})
  public Response export(@Auth Caller caller, @QueryParam("from") String from, @QueryParam("to") String to) {
    Times.Window w = Times.window(from, to).closed();
    StreamingOutput body = out -> exporter.export(caller.tenantId(), w.from(), w.to(), out);
    return Response.ok(body, "application/zip")
        .header("Content-Disposition", "attachment; filename=\"vigil-audit-" + caller.tenantId() + ".zip\"")
        .build();
  }
}
