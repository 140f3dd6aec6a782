package dev.vigil.app.resources;

import dev.vigil.app.api.CreateReport;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.ReportBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.app.jobs.ReportJobs;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.reports.Report;
import dev.vigil.collectors.reports.ReportStore;
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

/**
 * Type II reports: admins and compliance ask for one; they and auditors follow it and download
 * its files. Each request and each download is an audit entry.
 */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ReportResource {

  private final ReportStore store;
  private final ReportJobs jobs;

  public ReportResource(ReportStore store, ReportJobs jobs) {
    this.store = store;
    this.jobs = jobs;
  }

  /** Queues a report of {@code [from, to)}: 202 with its state. */
  @POST
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
  @ApiResponse(responseCode = "202", description = "Accepted; generated in the background",
      content = @Content(schema = @Schema(implementation = ReportBody.class)))
  public Response create(@Auth Caller caller, @NotNull @Valid CreateReport body) {
    Report r = jobs.request(caller.tenantId(), caller.actor(), body.title(), body.from(), body.to());
    return Response.accepted(ReportBody.of(r)).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<ReportBody> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(store.list(caller.tenantId(), p.after(), p.limit()), ReportBody::of);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ReportBody get(@Auth Caller caller, @PathParam("id") String id) {
    return ReportBody.of(find(caller, id));
  }

  /** One of a finished report's files; 409 until it is done; the download is audited first. */
  @GET
  @Path("/{id}/{file: report\\.pdf|evidence\\.zip|oscal\\.json}")
  @Produces({"application/pdf", "application/zip", MediaType.APPLICATION_JSON})
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  @ApiResponse(responseCode = "200", description = "The file", content = {
        @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
        @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "string", format = "binary"))})
  public Response download(@Auth Caller caller, @PathParam("id") String id, @PathParam("file") String name) {
    ReportJobs.Download d = jobs.download(caller.tenantId(), caller.actor(), id, name);
    return Response.ok(d.path().toFile(), d.contentType())
        .header("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"")
        .header("Cache-Control", "no-store").build();
  }

  private Report find(Caller caller, String id) {
    return store.find(caller.tenantId(), id).orElseThrow(() -> Rejected.notFound("report", id));
  }
}
