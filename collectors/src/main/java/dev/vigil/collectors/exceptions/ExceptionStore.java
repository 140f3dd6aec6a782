package dev.vigil.collectors.exceptions;

import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.UserDao;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.ControlIds;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** Records approved exceptions to controls. Thread-safe. */
public final class ExceptionStore {

  private final Jdbi jdbi;
  private final AuditAppender audit;
  private final Ids ids;
  private final Clock clock;

  public ExceptionStore(Jdbi jdbi, AuditAppender audit, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.ids = ids;
    this.clock = clock;
  }

  public ControlException create(String tenantId, Actor actor, String controlId, String subjectId,
      String reason, String approvedBy, Instant expiresAt) {
    if (!ControlIds.ALL.contains(controlId)) {
      throw Rejected.invalid("controlId: '" + controlId + "' is not a control; one of "
          + String.join(", ", ControlIds.ALL));
    }
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) throw Rejected.invalid("expiresAt: must be in the future");
    return jdbi.inTransaction(h -> {
      if (h.attach(UserDao.class).find(tenantId, approvedBy).isEmpty()) {
        throw Rejected.invalid("approvedBy: no user " + approvedBy + " in this tenant");
      }
      ControlException e = new ControlException(tenantId, ids.next("exc"), controlId, subjectId.strip(),
          reason.strip(), approvedBy, expiresAt, now);
      h.attach(ExceptionDao.class).insert(e);
      audit.append(h, tenantId, actor, "exception.approved", e.id(), AuditData.object()
          .put("controlId", controlId).put("subjectId", e.subjectId()).put("reason", e.reason())
          .put("approvedBy", approvedBy).put("expiresAt", expiresAt.toString()));
      return e;
    });
  }

  public Page<ControlException> list(String tenantId, String after, int limit) {
    return Page.of(jdbi.withExtension(ExceptionDao.class, dao -> dao.list(tenantId, after, limit + 1)),
        limit, ControlException::id);
  }
}
