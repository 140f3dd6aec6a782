package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.vigil.controls.catalog.FindingSeverity;
import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * One failing member of a control, open from the run that first found it until the run that
 * no longer does: {@code resolvedAt - openedAt} is its time to remediate. While it is open,
 * each run refreshes its text, name, severity and (unless a person set them) its owner and
 * due date. An approved exception makes it {@link FindingStatus#EXCUSED} instead, naming the
 * exception, with no resolution time.
 *
 * @param subjectKind what the member is ("grant", "agent", "connection" ...), or null when the
 *     control's members are not objects (chain entries, reported actions)
 * @param subjectName the member as a person names it ("mailer on CRM"), or null when unknown
 * @param summary the detail in plain words, with the objects it names by their names
 * @param ownerId the user who should act: the agent's owner, the vendor's owner or the
 *     incident's commander, or one a person assigned; null when nobody is
 */
public record Finding(
    @JsonIgnore String tenantId,
    String id,
    String controlId,
    String subjectId,
    String detail,
    Instant openedAt,
    String openedRunId,
    Instant resolvedAt,
    String resolvedRunId,
    FindingStatus status,
    FindingSeverity severity,
    String subjectKind,
    String subjectName,
    String summary,
    String ownerId,
    Instant dueAt,
    String exceptionId,
    Instant excusedAt) {

  /** The constructor rows are read with. */
  @JdbiConstructor
  public Finding {}

  /**
   * A finding as a history loaded in bulk records it (the benchmark's estate): open or
   * resolved, without the details a run derives.
   */
  public Finding(String tenantId, String id, String controlId, String subjectId, String detail, Instant openedAt,
      String openedRunId, Instant resolvedAt, String resolvedRunId) {
    this(tenantId, id, controlId, subjectId, detail, openedAt, openedRunId, resolvedAt, resolvedRunId,
        resolvedAt == null ? FindingStatus.OPEN : FindingStatus.RESOLVED, null, null, null, null, null, null, null,
        null);
  }

  /** Whether it is open and past its due date at {@code now}. */
  public boolean overdueAt(Instant now) {
    return status == FindingStatus.OPEN && dueAt != null && dueAt.isBefore(now);
  }

  /** When it stopped being open: resolved or excused; null while it is open. */
  @JsonIgnore
  public Instant closedAt() {
    return resolvedAt != null ? resolvedAt : excusedAt;
  }
}
