package dev.vigil.app.web;

import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.monitoring.RunDao;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.model.User;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A finding's page; see {@link FindingsResource#finding}. */
public final class FindingPage extends PageView {

  private final Finding finding;
  private final Control control;
  private final String agent;
  private final Map<String, String> owners;
  private final List<RunDao.Change> history;
  private final List<User> users;
  private final String error;
  private final Instant now;

  FindingPage(WebSession session, Finding finding, Control control, String agent, Map<String, String> names,
      List<RunDao.Change> history, List<User> users, String error, Instant now) {
    super("finding.ftlh", session, "Finding " + finding.id(), "findings");
    this.finding = finding;
    this.control = control;
    this.agent = agent;
    this.owners = names;
    this.history = history;
    this.users = users;
    this.error = error;
    this.now = now;
  }

  public Finding getFinding() {
    return finding;
  }

  /** The control's title, or null for a control no longer in the catalog. */
  public String getControlTitle() {
    return control == null ? null : control.info().title();
  }

  public String getRemediation() {
    return control == null ? null : control.info().remediation();
  }

  /** The agent the member belongs to (itself or its grant's agent), or null. */
  public String getAgent() {
    return agent;
  }

  public String getOwner() {
    return finding.ownerId() == null ? "—" : owners.getOrDefault(finding.ownerId(), finding.ownerId());
  }

  public Status getStatus() {
    return Findings.status(finding);
  }

  public String getSeverity() {
    return Findings.severityLabel(finding.severity());
  }

  public boolean isOverdue() {
    return finding.overdueAt(now);
  }

  public List<RunDao.Change> getHistory() {
    return history;
  }

  /** Who made a change: a person by name, or the system's runs. */
  public String actor(RunDao.Change c) {
    if (!"user".equals(c.actorType())) return c.actorType();
    return owners.getOrDefault(c.actorId(), c.actorId());
  }

  /** The active users who may own it, for the form (empty for people who may not change it). */
  public List<User> getUsers() {
    return users;
  }

  /** Whether the form may set an owner and due date: a resolved finding takes comments only. */
  public boolean isAssignable() {
    return finding.status() != FindingStatus.RESOLVED;
  }

  /** The due date as the form's date field holds it. */
  public String getDueValue() {
    return finding.dueAt() == null ? "" : finding.dueAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  public String getError() {
    return error;
  }
}
