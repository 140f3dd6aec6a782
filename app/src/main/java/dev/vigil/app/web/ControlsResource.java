package dev.vigil.app.web;

import dev.vigil.collectors.exceptions.ExceptionStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.FindingFilter;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.monitoring.ManualRuns;
import dev.vigil.collectors.monitoring.MemberResults;
import dev.vigil.collectors.monitoring.StatusRow;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Family;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controls: the list (filtered by family and status), a control's page (what it tests, its
 * latest run's members with their results, its run history page by page, its open findings and
 * exceptions), its live status, and running it now (admins and compliance).
 */
@Dashboard
@Path("/controls")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ControlsResource {

  static final int RUNS_PER_PAGE = 20;
  static final int MEMBERS_PER_PAGE = 50;
  static final int FINDINGS_SHOWN = 50;
  static final int EXCEPTIONS_SHOWN = 50;

  private final Catalog catalog;
  private final ControlQueries queries;
  private final ManualRuns runs;
  private final ExceptionStore exceptions;
  private final UserStore users;
  private final Clock clock;

  public ControlsResource(Catalog catalog, ControlQueries queries, ManualRuns runs, ExceptionStore exceptions,
      UserStore users, Clock clock) {
    this.catalog = catalog;
    this.queries = queries;
    this.runs = runs;
    this.exceptions = exceptions;
    this.users = users;
    this.clock = clock;
  }

  @GET
  public ControlsPage list(@Context ContainerRequestContext request, @QueryParam("family") String family,
      @QueryParam("status") String status) {
    WebSession session = WebSession.of(request);
    String familyChoice = Params.choice(session, "family", family, Arrays.stream(Family.values()).map(Family::wire)
        .toList());
    Family chosenFamily = familyChoice == null ? null : Family.of(familyChoice);
    String statusChoice = Params.choice(session, "status", status, ControlsPage.STATUSES.stream().map(Status::css)
        .toList());
    return new ControlsPage(session, catalog, statuses(session.tenantId()), chosenFamily,
        statusChoice == null ? "" : statusChoice);
  }

  @GET
  @Path("/{id}")
  public ControlPage control(@Context ContainerRequestContext request, @PathParam("id") String id,
      @QueryParam("run") String runId, @QueryParam("before") String before, @QueryParam("members") String members) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Control control = control(session, id);
    StatusRow status = statuses(tenant).get(id);
    var history = queries.runs(tenant, id, null, null, before, RUNS_PER_PAGE);
    // The run whose members are shown: one the person picked from the history, or the latest.
    Optional<ControlRun> latest;
    if (runId != null && !runId.isEmpty()) {
      latest = Optional.of(queries.run(tenant, runId).filter(r -> r.controlId().equals(id))
          .orElseThrow(() -> PageRefused.notFound(session, "run " + runId + " of " + id)));
    } else {
      latest = status == null || status.lastRunId() == null ? Optional.empty() : queries.run(tenant, status.lastRunId());
    }
    Optional<MemberResults.Listing> listing = latest.flatMap(r -> queries.members(tenant, id, r.id()));
    var findings = queries.findings(tenant, new FindingFilter(id, FindingStatus.OPEN, null, null, null, null), null,
        FINDINGS_SHOWN).items();
    Map<String, String> owners = UserNames.of(users, tenant, findings.stream().map(f -> f.ownerId()));
    return new ControlPage(session, control, Status.of(status), status, latest.orElse(null),
        listing.orElse(null), page(members), history, before, findings, owners,
        exceptions.activeOf(tenant, id, clock.instant(), EXCEPTIONS_SHOWN), clock.instant());
  }

  /**
   * The control's badge again, as an out-of-band swap of its page's, and a link to the latest
   * run when it is newer than the run the page shows ({@code shown}).
   */
  @GET
  @Path("/{id}/live")
  @Dashboard.Live
  public LiveStatus live(@Context ContainerRequestContext request, @PathParam("id") String id,
      @QueryParam("shown") String shown) {
    WebSession session = WebSession.of(request);
    control(session, id);
    Map<String, StatusRow> statuses = statuses(session.tenantId());
    StatusRow row = statuses.get(id);
    String newer = row == null || row.lastRunId() == null || row.lastRunId().equals(shown) ? null : row.lastRunId();
    return new LiveStatus(session, List.of(id), statuses, false).newerRun(id, newer);
  }

  /** Runs the control now for the signed-in person, who is audited as having asked. */
  @POST
  @Path("/{id}/run")
  public Response runNow(@Context ContainerRequestContext request, @PathParam("id") String id) {
    WebSession session = WebSession.of(request);
    Control control = control(session, id);
    if (!session.canAct()) {
      throw PageRefused.forbidden(session, "Your role (" + session.role() + ") reads controls but may not run them."
          + " An admin or compliance user can.");
    }
    runs.run(session.tenantId(), session.actor(), control);
    return Response.seeOther(URI.create("/controls/" + id)).build();
  }

  private Control control(WebSession session, String id) {
    return catalog.find(id).orElseThrow(() -> PageRefused.notFound(session, "control " + id));
  }

  private Map<String, StatusRow> statuses(String tenantId) {
    return Status.byControl(queries.statuses(tenantId));
  }

  /** A page number from the query (0 when absent or not a small number). */
  private static int page(String value) {
    if (value == null || !value.matches("\\d{1,6}")) return 0;
    return Integer.parseInt(value);
  }
}
