package dev.vigil.app.web;

import static dev.vigil.app.web.Params.blank;
import static dev.vigil.app.web.Params.choice;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.monitoring.ControlQueries;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingFilter;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.monitoring.FindingStore;
import dev.vigil.collectors.tenancy.UserStore;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.FindingSeverity;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.User;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The findings: the list (filtered as the API's list is, a page at a time), a finding's page
 * with its history, and setting its owner, due date and a comment (admins and compliance).
 */
@Dashboard
@Path("/findings")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class FindingsResource {

  static final int PER_PAGE = 50;
  /** The most users the owner select offers; a tenant's people, not a population. */
  static final int OWNERS_OFFERED = 500;

  private final Catalog catalog;
  private final ControlQueries queries;
  private final FindingStore findings;
  private final GrantStore grants;
  private final UserStore users;
  private final Clock clock;

  public FindingsResource(Catalog catalog, ControlQueries queries, FindingStore findings, GrantStore grants,
      UserStore users, Clock clock) {
    this.catalog = catalog;
    this.queries = queries;
    this.findings = findings;
    this.grants = grants;
    this.users = users;
    this.clock = clock;
  }

  @GET
  public FindingsPage list(@Context ContainerRequestContext request, @QueryParam("status") String status,
      @QueryParam("severity") String severity, @QueryParam("control") String control,
      @QueryParam("overdue") String overdue, @QueryParam("age") String age, @QueryParam("after") String after) {
    WebSession session = WebSession.of(request);
    String tenant = session.tenantId();
    Instant now = clock.instant();
    // Open findings unless a status is asked for; "" (the form's "Any status") asks for all.
    String statusChoice = choice(session, "status", status, Arrays.stream(FindingStatus.values())
        .map(FindingStatus::wire).toList());
    FindingStatus s = status == null ? FindingStatus.OPEN : statusChoice == null ? null
        : FindingStatus.ofWire(statusChoice);
    String severityChoice = choice(session, "severity", severity, Arrays.stream(FindingSeverity.values())
        .map(FindingSeverity::wire).toList());
    FindingSeverity sev = severityChoice == null ? null : FindingSeverity.ofWire(severityChoice);
    String controlId = choice(session, "control", control, catalog.all().stream().map(Control::id).toList());
    boolean late = choice(session, "overdue", overdue, List.of("true")) != null;
    String ageChoice = choice(session, "age", age, FindingsPage.AGES);
    int days = ageChoice == null ? 0 : Integer.parseInt(ageChoice);
    var filter = new FindingFilter(controlId, s, sev, null, late ? now : null,
        days == 0 ? null : now.minus(Duration.ofDays(days)));
    Page<Finding> page = queries.findings(tenant, filter, blank(after) ? "" : after, PER_PAGE);
    // The agents of the page's grants in one query rather than one a finding.
    Map<String, String> agentOfGrant = grants.agentsOf(tenant, page.items().stream()
        .filter(f -> "grant".equals(f.subjectKind())).map(Finding::subjectId).distinct().toList());
    Map<String, String> agents = new HashMap<>();
    for (Finding f : page.items()) {
      String agent = "agent".equals(f.subjectKind()) ? f.subjectId()
          : "grant".equals(f.subjectKind()) ? agentOfGrant.get(f.subjectId()) : null;
      if (agent != null) agents.put(f.id(), agent);
    }
    return new FindingsPage(session, catalog, page, agents,
        UserNames.of(users, tenant, page.items().stream().map(Finding::ownerId)), s, sev, controlId, late, days,
        !blank(after), now);
  }

  @GET
  @Path("/{id}")
  public FindingPage finding(@Context ContainerRequestContext request, @PathParam("id") String id) {
    return page(WebSession.of(request), id, null);
  }

  /** Sets the owner and due date and adds a comment, as the signed-in person; a refusal is shown on the page. */
  @POST
  @Path("/{id}")
  public Response update(@Context ContainerRequestContext request, @PathParam("id") String id) {
    WebSession session = WebSession.of(request);
    Finding finding = find(session, id);
    if (!session.canAct()) {
      throw PageRefused.forbidden(session, "Your role (" + session.role() + ") reads findings but may not change them."
          + " An admin or compliance user can.");
    }
    MultivaluedMap<String, String> form = SessionFilter.form(request).asMap();
    String owner = form.getFirst("owner");
    String due = form.getFirst("due");
    String comment = form.getFirst("comment");
    try {
      LocalDate day = blank(due) ? null : LocalDate.parse(due);
      // The form shows the due date as a day: the day it already falls on leaves its time as it is.
      boolean sameDay = day != null && finding.dueAt() != null
          && day.equals(finding.dueAt().atZone(ZoneOffset.UTC).toLocalDate());
      Instant dueAt = day == null || sameDay ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
      findings.update(session.tenantId(), session.actor(), finding.id(), new FindingStore.Change(
          blank(owner) ? null : owner, dueAt, blank(comment) ? null : comment.strip()));
    } catch (DateTimeParseException e) {
      return Response.status(422).entity(page(session, id, "The due date must be a date (YYYY-MM-DD).")).build();
    } catch (Rejected e) {
      return Response.status(e.reason() == Rejected.Reason.CONFLICT ? 409 : 422)
          .entity(page(session, id, e.getMessage())).build();
    }
    return Response.seeOther(URI.create("/findings/" + finding.id())).build();
  }

  private FindingPage page(WebSession session, String id, String error) {
    String tenant = session.tenantId();
    Finding f = find(session, id);
    List<User> active = new ArrayList<>();
    if (session.canAct()) {
      users.list(tenant, "", OWNERS_OFFERED).items().stream().filter(User::active).forEach(active::add);
    }
    String agent = agentOf(tenant, f);
    var history = queries.changes(tenant, id);
    Map<String, String> names = UserNames.of(users, tenant, Stream.concat(Stream.of(f.ownerId()),
        history.stream().filter(c -> "user".equals(c.actorType())).map(c -> c.actorId())));
    return new FindingPage(session, f, catalog.find(f.controlId()).orElse(null), agent, names, history, active,
        error, clock.instant());
  }

  /**
   * The agent a finding's member is or belongs to, for a link to its page: a grant's agent is
   * not on the finding, so it is read; null for other members.
   */
  private String agentOf(String tenant, Finding f) {
    if ("agent".equals(f.subjectKind())) return f.subjectId();
    if (!"grant".equals(f.subjectKind())) return null;
    return grants.find(tenant, f.subjectId()).map(Grant::agentId).orElse(null);
  }

  private Finding find(WebSession session, String id) {
    return queries.finding(session.tenantId(), id).orElseThrow(() -> PageRefused.notFound(session, "finding " + id));
  }
}
