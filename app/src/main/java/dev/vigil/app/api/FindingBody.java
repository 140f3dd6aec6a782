package dev.vigil.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.collectors.monitoring.Finding;
import dev.vigil.collectors.monitoring.FindingStatus;
import dev.vigil.collectors.monitoring.RunDao;
import dev.vigil.controls.catalog.FindingSeverity;
import java.time.Instant;
import java.util.List;

/**
 * A finding as the API shows it: who and what it is about, how urgent, who owns it and by
 * when, what to do ({@code remediation}, the control's), and where it stands. {@code subjectId}
 * and {@code detail} keep the ids the run's evidence names; {@code subject} and
 * {@code summary} name them for people. {@code history} is given by
 * {@code GET /findings/{id}} only.
 */
public record FindingBody(
    String id,
    String controlId,
    FindingStatus status,
    FindingSeverity severity,
    String subjectId,
    Subject subject,
    String summary,
    String detail,
    String remediation,
    String ownerId,
    Instant dueAt,
    boolean overdue,
    String exceptionId,
    Instant openedAt,
    String openedRunId,
    Instant resolvedAt,
    String resolvedRunId,
    Instant excusedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<HistoryItem> history) {

  /** The member a finding is about: its kind ("grant", "agent" ... or null), id and name. */
  public record Subject(String kind, String id, String name) {}

  /** One change of the finding: what, when, by whom, and a note (the run, the exception, a comment). */
  public record HistoryItem(Instant at, String change, ActorBody actor, String note) {}

  /** Who made a change: a user, a token or the system's controls. */
  public record ActorBody(String type, String id) {}

  /** {@code f} as of {@code now}, with its control's {@code remediation} and, when given, its history. */
  public static FindingBody of(Finding f, String remediation, Instant now, List<RunDao.Change> history) {
    List<HistoryItem> items = history == null ? null : history.stream()
        .map(c -> new HistoryItem(c.at(), c.change(), new ActorBody(c.actorType(), c.actorId()), c.note())).toList();
    return new FindingBody(f.id(), f.controlId(), f.status(), f.severity(), f.subjectId(),
        new Subject(f.subjectKind(), f.subjectId(), f.subjectName()), f.summary() == null ? f.detail() : f.summary(),
        f.detail(), remediation, f.ownerId(), f.dueAt(), f.overdueAt(now), f.exceptionId(), f.openedAt(), f.openedRunId(),
        f.resolvedAt(), f.resolvedRunId(), f.excusedAt(), items);
  }
}
