package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.ActiveUsers;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What people do to findings: assign an owner, set a due date, comment. Each change goes into
 * the finding's history and the audit trail ({@code finding.updated}) in one transaction; an
 * owner or due date set here stays when later runs refresh the finding. Thread-safe.
 */
public final class FindingStore {

  /** What to change; a null field is left as it is. */
  public record Change(String ownerId, Instant dueAt, String comment) {}

  private final AuditedWrites writes;

  public FindingStore(AuditedWrites writes) {
    this.writes = writes;
  }

  /**
   * Applies {@code change}: the owner must be an active user of the tenant and the due date
   * no earlier than the finding's opening (422 otherwise); a resolved finding takes comments
   * only (409). Setting what is already set changes nothing; a change that changes nothing is
   * not audited.
   */
  public Finding update(String tenantId, Actor actor, String id, Change change) {
    return writes.jdbi().inTransaction(h -> {
      RunDao dao = h.attach(RunDao.class);
      Finding before = dao.lockFinding(tenantId, id).orElseThrow(() -> Rejected.notFound("finding", id));
      boolean newOwner = change.ownerId() != null && !change.ownerId().equals(before.ownerId());
      boolean newDue = change.dueAt() != null && !change.dueAt().equals(before.dueAt());
      if ((newOwner || newDue) && before.status() == FindingStatus.RESOLVED) {
        throw Rejected.conflict("finding " + id + " is resolved: it takes comments, not a new owner or due date");
      }
      Instant now = writes.clock().instant();
      List<RunDao.Change> history = new ArrayList<>();
      ObjectNode data = AuditData.object().put("controlId", before.controlId());
      if (newOwner) {
        ActiveUsers.require(h, tenantId, change.ownerId(), "ownerId", "own findings");
        dao.assignOwner(tenantId, id, change.ownerId());
        data.putObject("ownerId").put("from", before.ownerId()).put("to", change.ownerId());
        history.add(change(tenantId, id, now, "owner_changed", actor,
            "owner " + Objects.toString(before.ownerId(), "none") + " -> " + change.ownerId()));
      }
      if (newDue) {
        if (change.dueAt().isBefore(before.openedAt())) {
          throw Rejected.invalid("dueAt: must not be before the finding opened, " + before.openedAt());
        }
        dao.assignDue(tenantId, id, change.dueAt());
        data.putObject("dueAt").put("from", time(before.dueAt())).put("to", time(change.dueAt()));
        history.add(change(tenantId, id, now, "due_changed", actor,
            "due " + Objects.toString(time(before.dueAt()), "never") + " -> " + time(change.dueAt())));
      }
      if (change.comment() != null) {
        data.put("comment", change.comment());
        history.add(change(tenantId, id, now, "commented", actor, change.comment()));
      }
      if (history.isEmpty()) return before;
      dao.insertChanges(history);
      writes.audit().append(h, tenantId, actor, "finding.updated", id, data);
      return dao.finding(tenantId, id).orElseThrow();
    });
  }

  private RunDao.Change change(String tenantId, String findingId, Instant at, String change, Actor actor,
      String note) {
    return new RunDao.Change(tenantId, findingId, writes.ids().next("fch"), at, change, actor.type(), actor.id(),
        note);
  }

  private static String time(Instant t) {
    return t == null ? null : AuditChain.formatTime(t);
  }
}
