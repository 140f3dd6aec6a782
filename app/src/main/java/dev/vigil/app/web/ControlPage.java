package dev.vigil.app.web;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.monitoring.ControlRun;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.MemberResults;
import dev.vigil.collectors.monitoring.StatusRow;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.model.ControlException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A control's page; see {@link ControlsResource#control}. */
public final class ControlPage extends PageView {

  private final Control control;
  private final Status status;
  private final StatusRow row;
  private final ControlRun run;
  private final MemberResults.Listing listing;
  private final int membersPage;
  private final Page<ControlRun> history;
  private final String before;
  private final List<Finding> findings;
  private final Map<String, String> owners;
  private final List<ControlException> exceptions;
  private final Instant now;

  ControlPage(WebSession session, Control control, Status status, StatusRow row, ControlRun run,
      MemberResults.Listing listing, int membersPage, Page<ControlRun> history, String before, List<Finding> findings,
      Map<String, String> owners, List<ControlException> exceptions, Instant now) {
    super("control.ftlh", session, control.id() + " " + control.info().title(), "controls");
    this.control = control;
    this.status = status;
    this.row = row;
    this.run = run;
    this.listing = listing;
    this.membersPage = membersPage;
    this.history = history;
    this.before = before;
    this.findings = findings;
    this.owners = owners;
    this.exceptions = exceptions;
    this.now = now;
  }

  public dev.vigil.controls.catalog.ControlInfo getInfo() {
    return control.info();
  }

  public String getFamily() {
    return FamilyNames.of(control.info().family());
  }

  public Status getStatus() {
    return status;
  }

  public String getLastRun() {
    return row == null ? "never" : ago(row.lastRunAt(), now);
  }

  public long getOpenFindings() {
    return row == null ? 0 : row.openFindings();
  }

  public ControlRun getRun() {
    return run;
  }

  /** The control's latest run as the page was drawn (null before its first), for the live check to compare. */
  public String getLatestRunId() {
    return row == null ? null : row.lastRunId();
  }

  public boolean isLatestRun() {
    return run != null && row != null && run.id().equals(row.lastRunId());
  }

  public MemberResults.Listing getListing() {
    return listing;
  }

  /** This page's members of the shown run. */
  public List<MemberResults.Member> getMembers() {
    if (listing == null) return List.of();
    int from = Math.min(membersPage * ControlsResource.MEMBERS_PER_PAGE, listing.members().size());
    int to = Math.min(from + ControlsResource.MEMBERS_PER_PAGE, listing.members().size());
    return listing.members().subList(from, to);
  }

  public int getMembersPage() {
    return membersPage;
  }

  public boolean isMoreMembers() {
    return listing != null && (membersPage + 1L) * ControlsResource.MEMBERS_PER_PAGE < listing.members().size();
  }

  public String getMemberKind() {
    return control.info().population().map(p -> p.member()).orElse("member");
  }

  public List<ControlRun> getHistory() {
    return history.items();
  }

  public String getNextRuns() {
    return history.nextCursor();
  }

  public boolean isPagedRuns() {
    return before != null && !before.isEmpty();
  }

  public List<Finding> getFindings() {
    return findings;
  }

  public String owner(String id) {
    return id == null ? "—" : owners.getOrDefault(id, id);
  }

  public List<ControlException> getExceptions() {
    return exceptions;
  }

  public Status runStatus(ControlRun r) {
    return switch (r.result()) {
      case PASS -> new Status("passing", "Pass");
      case FAIL -> new Status("failing", "Fail");
      case ERROR -> new Status("error", "Error");
      case NOT_APPLICABLE -> new Status("na", "Not applicable");
    };
  }

  public Status memberStatus(MemberResults.Member m) {
    return switch (m.result()) {
      case PASS -> new Status("passing", "Pass");
      case FAIL -> new Status("failing", "Fail");
      case EXCUSED -> new Status("na", "Excused");
    };
  }

  public boolean overdue(Finding f) {
    return f.overdueAt(now);
  }
}
