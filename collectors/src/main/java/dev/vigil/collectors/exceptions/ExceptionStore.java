package dev.vigil.collectors.exceptions;

import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.UserDao;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlDeclaration;
import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Records approved exceptions to controls. Thread-safe. */
public final class ExceptionStore {

  private final AuditedWrites writes;

  public ExceptionStore(AuditedWrites writes) {
    this.writes = writes;
  }

  /** The longest an exception may last: it is time-boxed, and renewed by a new approval. */
  public static final Duration MAX_TERM = Duration.ofDays(365);
  private static final Set<Role> APPROVERS = Set.of(Role.ADMIN, Role.COMPLIANCE);
  /**
   * The ids an exception may name: those of Vigil's standard catalog, the one the service runs.
   * Read from the declarations; no control needs binding to know its id.
   */
  private static final List<String> CONTROL_IDS = Catalog.standard().stream().map(ControlDeclaration::id).toList();

  public ControlException create(String tenantId, Actor actor, String controlId, String subjectId,
      String reason, String approvedBy, Instant expiresAt) {
    if (!CONTROL_IDS.contains(controlId)) {
      throw Rejected.invalid("controlId: '" + controlId + "' is not a control; one of "
          + String.join(", ", CONTROL_IDS));
    }
    Instant now = writes.clock().instant();
    if (!expiresAt.isAfter(now)) throw Rejected.invalid("expiresAt: must be in the future");
    if (expiresAt.isAfter(now.plus(MAX_TERM))) {
      throw Rejected.invalid("expiresAt: an exception lasts at most " + MAX_TERM.toDays()
          + " days; approve a new one when it lapses");
    }
    return writes.jdbi().inTransaction(h -> {
      Optional<User> approver = h.attach(UserDao.class).find(tenantId, approvedBy);
      if (approver.isEmpty()) {
        throw Rejected.invalid("approvedBy: no user " + approvedBy + " in this tenant");
      }
      if (!approver.get().active() || !APPROVERS.contains(approver.get().role())) {
        throw Rejected.invalid("approvedBy: user " + approvedBy + " may not approve exceptions; an active admin"
            + " or compliance user must (auditors stay independent of what they audit)");
      }
      ControlException e = new ControlException(tenantId, writes.ids().next("exc"), controlId, subjectId.strip(),
          reason.strip(), approvedBy, expiresAt, now);
      h.attach(ExceptionDao.class).insert(e);
      writes.audit().append(h, tenantId, actor, "exception.approved", e.id(), AuditData.object()
          .put("controlId", controlId).put("subjectId", e.subjectId()).put("reason", e.reason())
          .put("approvedBy", approvedBy).put("expiresAt", expiresAt.toString()));
      return e;
    });
  }

  public Page<ControlException> list(String tenantId, String after, int limit) {
    return Page.of(writes.jdbi().withExtension(ExceptionDao.class, dao -> dao.list(tenantId, after, limit + 1)),
        limit, ControlException::id);
  }
}
