package dev.vigil.app.web;

import dev.vigil.app.api.CreateReport;
import dev.vigil.app.http.RejectedMapper;
import dev.vigil.app.http.Text;
import dev.vigil.app.jobs.ReportJobs;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.reports.Report;
import dev.vigil.collectors.reports.ReportStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.audit.Actor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;

/**
 * Type II reports: the list, asking for one of a period (admins and compliance, audited as the
 * API's request is, with the person as its actor), a report's page whose progress updates live
 * until it is done, and its three files (each download audited), all through the same store
 * and jobs as {@code /api/v1/reports}.
 */
@Dashboard
@Path("/reports")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class ReportsResource {

  static final int PER_PAGE = 50;
  static final int TITLE_MAX = CreateReport.TITLE_MAX;
  /** The period the form offers first: the last 90 days, as an audit period often is. */
  static final Duration DEFAULT_PERIOD = Duration.ofDays(90);

  private final ReportStore store;
  private final ReportJobs jobs;
  private final UserStore users;
  private final Clock clock;

  public ReportsResource(ReportStore store, ReportJobs jobs, UserStore users, Clock clock) {
    this.store = store;
    this.jobs = jobs;
    this.users = users;
    this.clock = clock;
  }

  @GET
  public ReportsPage list(@Context ContainerRequestContext request, @QueryParam("before") String before) {
    WebSession session = WebSession.of(request);
    LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    return page(session, before, new ReportsPage.Form(today.minusDays(DEFAULT_PERIOD.toDays()).toString(),
        today.toString(), "", null));
  }

  /** Asks for a report of the form's period for the signed-in person; a refusal is shown with the form. */
  @POST
  public Response create(@Context ContainerRequestContext request) {
    WebSession session = WebSession.of(request);
    if (!session.canAct()) {
      throw PageRefused.forbidden(session, "Your role (" + session.role() + ") reads reports but may not ask for"
          + " one. An admin or compliance user can.");
    }
    MultivaluedMap<String, String> form = SessionFilter.form(request).asMap();
    String from = form.getFirst("from");
    String to = form.getFirst("to");
    String title = form.getFirst("title");
    try {
      ReportDays days = ReportDays.of(from, to, clock.instant());
      if (title != null && title.strip().length() > TITLE_MAX) {
        throw Rejected.invalid("The title is at most " + TITLE_MAX + " characters.");
      }
      if (title != null && Text.problem(title) != null) throw Rejected.invalid("The title " + Text.problem(title) + ".");
      Report r = jobs.request(session.tenantId(), session.actor(), title, days.from(), days.to());
      return Response.seeOther(URI.create("/reports/" + r.id())).build();
    } catch (Rejected e) {
      return Response.status(RejectedMapper.status(e.reason())).entity(page(session, null,
          new ReportsPage.Form(value(from), value(to), value(title), e.getMessage()))).build();
    }
  }

  @GET
  @Path("/{id}")
  public ReportPage report(@Context ContainerRequestContext request, @PathParam("id") String id) {
    WebSession session = WebSession.of(request);
    Report r = find(session, id);
    return new ReportPage(session, new ReportSummary(r), requester(session.tenantId(), r.requestedBy()));
  }

  /** The report's state again, for its page to swap in while it is queued or running. */
  @GET
  @Path("/{id}/progress")
  @Dashboard.Live
  public ReportProgress progress(@Context ContainerRequestContext request, @PathParam("id") String id) {
    WebSession session = WebSession.of(request);
    return new ReportProgress(session, new ReportSummary(find(session, id)));
  }

  /** One of a finished report's files, its download audited with the person as actor. */
  @GET
  @Path("/{id}/{file: report\\.pdf|evidence\\.zip|oscal\\.json}")
  @Produces({"application/pdf", "application/zip", MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
  public Response download(@Context ContainerRequestContext request, @PathParam("id") String id,
      @PathParam("file") String name) {
    WebSession session = WebSession.of(request);
    ReportJobs.Download d;
    try {
      d = jobs.download(session.tenantId(), session.actor(), id, name);
    } catch (Rejected e) {
      throw e.reason() == Rejected.Reason.NOT_FOUND ? PageRefused.notFound(session, "report " + id + " file " + name)
          : PageRefused.notReady(session, e.getMessage());
    }
    return Response.ok(d.path().toFile(), d.contentType())
        .header("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"")
        .header("Cache-Control", "no-store").build();
  }

  private ReportsPage page(WebSession session, String before, ReportsPage.Form form) {
    boolean paged = before != null && !before.isBlank();
    return new ReportsPage(session, store.list(session.tenantId(), paged ? before : null, PER_PAGE), paged, form);
  }

  private Report find(WebSession session, String id) {
    return store.find(session.tenantId(), id).orElseThrow(() -> PageRefused.notFound(session, "report " + id));
  }

  /** Who asked, as people read it: a user's name, the token that asked, or the command line. */
  private String requester(String tenant, Actor actor) {
    return switch (actor.type()) {
      case "user" -> UserNames.of(users, tenant, Stream.of(actor.id())).get(actor.id());
      case "token" -> "API token " + actor.id();
      case "cli" -> "the command line";
      default -> actor.type() + " " + actor.id();
    };
  }

  private static String value(String s) {
    return s == null ? "" : s;
  }
}
