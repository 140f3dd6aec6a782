package dev.vigil.collectors.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Handle;

/**
 * Appends entries to a tenant's chain inside the caller's transaction. Call it last in a
 * transaction: it holds the tenant's chain head locked until commit. Thread-safe.
 */
public final class AuditAppender {

  private final Clock clock;
  private final AuditListeners listeners;

  /** An appender nobody listens to (CLI commands, tools). */
  public AuditAppender(Clock clock) {
    this(clock, new AuditListeners());
  }

  /** An appender that tells {@code listeners} of every entry once its transaction commits. */
  public AuditAppender(Clock clock, AuditListeners listeners) {
    this.clock = clock;
    this.listeners = listeners;
  }

  /** Starts an empty chain for a new tenant. */
  public void startChain(Handle handle, String tenantId) {
    handle.attach(AuditDao.class).startChain(tenantId, AuditChain.GENESIS_HEX);
  }

  /** Appends one entry; see {@link #appendAll}. */
  public AuditEntry append(Handle handle, String tenantId, Actor actor, String kind,
      String subject, ObjectNode data) {
    return appendAll(handle, tenantId, List.of(new PendingEntry(actor, kind, subject, data))).get(0);
  }

  /**
   * Appends {@code pending} in order and returns the stored entries.
   *
   * @throws IllegalStateException when the tenant has no chain: the transaction must fail
   * @throws IllegalArgumentException when data holds a value the canonical form rejects
   */
  public List<AuditEntry> appendAll(Handle handle, String tenantId, List<PendingEntry> pending) {
    return appendAt(handle, tenantId, false, version -> pending);
  }

  /**
   * Appends the entry of a change that can change a decision (a grant, an agent's status, a
   * connection, a credential, a token) and moves the tenant's policy version with it, under the
   * same lock of the chain head. Decision views learn from the version that what they hold may
   * be stale ({@link #appendAtVersion}). Call it last in the change's transaction, as
   * {@link #append}.
   */
  public AuditEntry appendChange(Handle handle, String tenantId, Actor actor, String kind,
      String subject, ObjectNode data) {
    PendingEntry entry = new PendingEntry(actor, kind, subject, data);
    return appendAt(handle, tenantId, true, version -> List.of(entry)).get(0);
  }

  /**
   * Locks the head, then appends what {@code atVersion} returns given the tenant's policy
   * version read with the locked head: a change to what decisions read that committed before
   * this lock has a version at most that, and one that commits after it appends its own entry
   * after these. The group commit re-decides here what was decided on an older version.
   */
  public List<AuditEntry> appendAtVersion(Handle handle, String tenantId,
      LongFunction<List<PendingEntry>> atVersion) {
    return appendAt(handle, tenantId, false, atVersion);
  }

  private List<AuditEntry> appendAt(Handle handle, String tenantId, boolean policyChange,
      LongFunction<List<PendingEntry>> atVersion) {
    Head head = ChainHeads.lock(handle, tenantId);
    if (policyChange) ChainHeads.setPolicyVersion(handle, tenantId, head.policyVersion() + 1);
    List<PendingEntry> pending = atVersion.apply(head.policyVersion());
    // Commit times never decrease along the chain, even if the clock steps back: a time window
    // is then a seq range (see AuditLog#range).
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (head.occurredAt() != null && now.isBefore(head.occurredAt())) now = head.occurredAt();
    List<AuditEntry> stored = ChainWriter.write(handle, tenantId, head, pending,
        Collections.nCopies(pending.size(), now));
    List<PendingEntry> committed = List.copyOf(pending);
    handle.afterCommit(() -> listeners.committed(tenantId, committed));
    return stored;
  }
}
