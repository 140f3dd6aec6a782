package dev.vigil.collectors.exceptions;

import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.ActiveUsers;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.ControlDeclaration;
import dev.vigil.controls.catalog.Population;
import dev.vigil.controls.model.ControlException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Records approved exceptions to controls, and their early ends. Thread-safe. */
public final class ExceptionStore {

  private final AuditedWrites writes;

  public ExceptionStore(AuditedWrites writes) {
    this.writes = writes;
  }

  /** The longest an exception may last: it is time-boxed, and renewed by a new approval. */
  public static final Duration MAX_TERM = Duration.ofDays(365);
  /**
   * The controls an exception may name: those of Vigil's standard catalog, the one the service
   * runs, in catalog order, each with what its members are. Read from the declarations; no
   * control needs binding to know its id or population.
   */
  private static final Map<String, Optional<Population>> CONTROLS = Catalog.standard().stream()
      .collect(Collectors.toMap(ControlDeclaration::id, ControlDeclaration::population, (a, b) -> a,
          LinkedHashMap::new));

  public ControlException create(String tenantId, Actor actor, String controlId, String subjectId,
      String reason, String approvedBy, Instant expiresAt) {
    if (!CONTROLS.containsKey(controlId)) {
      throw Rejected.invalid("controlId: '" + controlId + "' is not a control; one of "
          + String.join(", ", CONTROLS.keySet()));
    }
    Instant now = writes.clock().instant();
    if (!expiresAt.isAfter(now)) throw Rejected.invalid("expiresAt: must be in the future");
    if (expiresAt.isAfter(now.plus(MAX_TERM))) {
      throw Rejected.invalid("expiresAt: an exception lasts at most " + MAX_TERM.toDays()
          + " days; approve a new one when it lapses");
    }
    return writes.jdbi().inTransaction(h -> {
      ActiveUsers.requireApprover(h, tenantId, approvedBy, "approvedBy", "approve exceptions");
      Optional<Population> population = CONTROLS.get(controlId);
      if (population.isPresent()) {
        // An exception only excuses a member the control examines: one naming anything else
        // would sit in every report and excuse nothing.
        Subjects.problem(h, tenantId, population.get(), subjectId.strip()).ifPresent(p -> {
          throw Rejected.invalid("subjectId: " + controlId + " examines " + population.get().wire() + "; " + p);
        });
      }
      ControlException e = new ControlException(tenantId, writes.ids().next("exc"), controlId, subjectId.strip(),
          reason.strip(), approvedBy, expiresAt, now, null, null);
      h.attach(ExceptionDao.class).insert(e);
      writes.audit().append(h, tenantId, actor, "exception.approved", e.id(), AuditData.object()
          .put("controlId", controlId).put("subjectId", e.subjectId()).put("reason", e.reason())
          .put("approvedBy", approvedBy).put("expiresAt", expiresAt.toString()));
      return e;
    });
  }

  /**
   * Ends an approved exception now: from this moment it excuses nothing, and the control it
   * excused re-runs ({@code exception.revoked} names it). {@code revokedBy} must be an active
   * admin or compliance user of the tenant, as an approver must.
   *
   * @throws Rejected 404 for an unknown exception, 409 when it was revoked or has lapsed
   */
  public ControlException revoke(String tenantId, Actor actor, String id, String revokedBy, String reason) {
    return writes.jdbi().inTransaction(h -> {
      ExceptionDao dao = h.attach(ExceptionDao.class);
      ControlException e = dao.lock(tenantId, id).orElseThrow(() -> Rejected.notFound("exception", id));
      Instant now = writes.clock().instant();
      if (e.revokedAt() != null) {
        throw Rejected.conflict("exception " + id + " was revoked " + e.revokedAt() + " by " + e.revokedBy());
      }
      if (!e.coversAt(now)) throw Rejected.conflict("exception " + id + " lapsed " + e.expiresAt());
      ActiveUsers.requireApprover(h, tenantId, revokedBy, "revokedBy", "revoke exceptions");
      dao.revoke(tenantId, id, now, revokedBy);
      writes.audit().append(h, tenantId, actor, "exception.revoked", id, AuditData.object()
          .put("controlId", e.controlId()).put("subjectId", e.subjectId()).put("revokedBy", revokedBy)
          .put("reason", reason == null ? null : reason.strip()).put("expiresAt", e.expiresAt().toString()));
      return new ControlException(tenantId, id, e.controlId(), e.subjectId(), e.reason(), e.approvedBy(),
          e.expiresAt(), e.createdAt(), now, revokedBy);
    });
  }

  public Page<ControlException> list(String tenantId, String after, int limit) {
    return Page.of(writes.jdbi().withExtension(ExceptionDao.class, dao -> dao.list(tenantId, after, limit + 1)),
        limit, ControlException::id);
  }

  /** Up to {@code limit} exceptions of {@code controlId} in force at {@code now}, soonest to end first. */
  public List<ControlException> activeOf(String tenantId, String controlId, Instant now, int limit) {
    return writes.jdbi().withExtension(ExceptionDao.class, dao -> dao.activeOfControl(tenantId, controlId, now, limit));
  }
}
