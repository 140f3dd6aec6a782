package dev.vigil.app.resources;

import dev.vigil.app.api.FindingBody;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.UpdateFinding;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingFilter;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.monitoring.FindingStore;
import dev.vigil.collectors.monitoring.RunDao;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.FindingSeverity;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Findings: each failing member of a control, from the run that opened it to the run that
 * resolved it (or while an exception excuses it). Everyone who reads controls reads them;
 * admins and compliance assign owners and due dates and comment.
 */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class FindingResource {

  private final Catalog catalog;
  private final ControlQueries queries;
  private final FindingStore findings;
  private final Clock clock;

  public FindingResource(Catalog catalog, ControlQueries queries, FindingStore findings, Clock clock) {
    this.catalog = catalog;
    this.queries = queries;
    this.findings = findings;
    this.clock = clock;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<FindingBody> list(@Auth Caller caller, @QueryParam("status") String status,
      @QueryParam("severity") String severity, @QueryParam("controlId") String controlId,
      @QueryParam("ownerId") String ownerId, @QueryParam("overdue") String overdue,
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    FindingStatus s = blank(status) ? null : FindingStatus.ofWire(status);
    if (!blank(status) && s == null) throw Rejected.invalid("status: must be open, resolved or excused");
    FindingSeverity sev = blank(severity) ? null : FindingSeverity.ofWire(severity);
    if (!blank(severity) && sev == null) throw Rejected.invalid("severity: must be critical, high, medium or low");
    if (!blank(controlId) && catalog.find(controlId).isEmpty()) {
      throw Rejected.invalid("controlId: no control " + controlId + " in the catalog");
    }
    if (!blank(overdue) && !overdue.equals("true")) {
      throw Rejected.invalid("overdue: must be true (leave it out for findings whatever their due date)");
    }
    Instant now = clock.instant();
    Paging p = Paging.of(cursor, limit);
    FindingFilter filter = new FindingFilter(blank(controlId) ? null : controlId, s, sev,
        blank(ownerId) ? null : ownerId, "true".equals(overdue) ? now : null, null);
    return ListBody.of(queries.findings(caller.tenantId(), filter, p.after(), p.limit()), f -> body(f, now, null));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public FindingBody get(@Auth Caller caller, @PathParam("id") String id) {
    Finding f = queries.finding(caller.tenantId(), id).orElseThrow(() -> Rejected.notFound("finding", id));
    return body(f, clock.instant(), queries.changes(caller.tenantId(), id));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
  public FindingBody update(@Auth Caller caller, @PathParam("id") String id, @NotNull @Valid UpdateFinding body) {
    Finding f = findings.update(caller.tenantId(), caller.actor(), id,
        new FindingStore.Change(body.ownerId(), body.dueAt(), body.comment() == null ? null : body.comment().strip()));
    return body(f, clock.instant(), queries.changes(caller.tenantId(), id));
  }

  private FindingBody body(Finding f, Instant now, List<RunDao.Change> history) {
    String remediation = catalog.find(f.controlId()).map(c -> c.info().remediation()).orElse(null);
    return FindingBody.of(f, remediation, now, history);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
