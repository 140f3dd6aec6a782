package dev.vigil.app.resources;

import dev.vigil.app.api.ControlBody;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.RunMembersBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.app.http.QueryParams;
import dev.vigil.app.http.Times;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.ManualRuns;
import dev.vigil.collectors.monitoring.MemberResults;
import dev.vigil.collectors.monitoring.StatusRow;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Population;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The control catalog with each control's status for the caller's tenant, its runs, and
 * running a control now. Everyone but agents and ingest tokens reads; admins and compliance run.
 */
@Path("/api/v1/controls")
@Produces(MediaType.APPLICATION_JSON)
public final class ControlResource {

  private final Catalog catalog;
  private final ControlQueries queries;
  private final ManualRuns runs;

  public ControlResource(Catalog catalog, ControlQueries queries, ManualRuns runs) {
    this.catalog = catalog;
    this.queries = queries;
    this.runs = runs;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<ControlBody> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Map<String, StatusRow> status = queries.statuses(caller.tenantId()).stream()
        .collect(Collectors.toMap(StatusRow::controlId, Function.identity()));
    List<ControlBody> items = catalog.all().stream().map(c -> ControlBody.of(c.info(), status.get(c.id()))).toList();
    return ListBody.of(Paging.slice(items, ControlBody::id, cursor, limit));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ControlBody get(@Auth Caller caller, @PathParam("id") String id) {
    Control control = control(id);
    StatusRow status = queries.statuses(caller.tenantId()).stream()
        .filter(s -> s.controlId().equals(id)).findFirst().orElse(null);
    return ControlBody.of(control.info(), status);
  }

  /** Runs newest first, started in [from, to). */
  @GET
  @Path("/{id}/runs")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<ControlRun> runs(@Auth Caller caller, @PathParam("id") String id, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    control(id);
    Times.Window window = Times.window(from, to);
    Paging p = Paging.of(cursor, limit);
    return ListBody.of(queries.runs(caller.tenantId(), id, window.from(), window.to(), p.after(), p.limit()));
  }

  @GET
  @Path("/{id}/runs/{runId}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ControlRun run(@Auth Caller caller, @PathParam("id") String id, @PathParam("runId") String runId) {
    control(id);
    return queries.run(caller.tenantId(), runId).filter(r -> r.controlId().equals(id))
        .orElseThrow(() -> Rejected.notFound("run", runId));
  }

  /** The run's evidence record byte for byte as hashed into the audit chain (canonical JSON). */
  @GET
  @Path("/{id}/runs/{runId}/evidence")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  @ApiResponse(responseCode = "200", description = "The evidence record (canonical JSON)",
      content = @Content(schema = @Schema(type = "object")))
  public String evidence(@Auth Caller caller, @PathParam("id") String id, @PathParam("runId") String runId) {
    control(id);
    return queries.evidence(caller.tenantId(), id, runId).orElseThrow(() -> Rejected.notFound("run", runId));
  }

  /**
   * The members the run examined, each with its result (optionally only those of one
   * {@code result}), in its evidence record's order: how "5 passed, 1 failed" is checked member
   * by member. Empty, with {@code membersListed: false}, when the record does not name them.
   */
  @GET
  @Path("/{id}/runs/{runId}/members")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public RunMembersBody members(@Auth Caller caller, @PathParam("id") String id, @PathParam("runId") String runId,
      @QueryParam("result") String result, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    Control control = control(id);
    String named = QueryParams.value(result);
    MemberResults.Result wanted = named == null ? null : MemberResults.Result.ofWire(named)
        .orElseThrow(() -> Rejected.invalid("result: must be pass, fail or excused"));
    MemberResults.Listing listing = queries.members(caller.tenantId(), id, runId)
        .orElseThrow(() -> Rejected.notFound("run", runId));
    List<MemberResults.Member> chosen = wanted == null ? listing.members()
        : listing.members().stream().filter(m -> m.result() == wanted).toList();
    String kind = control.info().population().map(Population::member).orElse(null);
    return RunMembersBody.of(Paging.slice(chosen, MemberResults.Member::subjectId, cursor, limit), kind, listing);
  }

  /** Runs the control now and answers with the recorded run. */
  @POST
  @Path("/{id}/run")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
  public ControlRun runNow(@Auth Caller caller, @PathParam("id") String id) {
    Control control = control(id);
    return runs.run(caller.tenantId(), caller.actor(), control);
  }

  private Control control(String id) {
    return catalog.find(id).orElseThrow(() -> Rejected.notFound("control", id));
  }
}
