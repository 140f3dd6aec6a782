package dev.vigil.collectors.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Sha256;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Appends entries to a tenant's chain inside the caller's transaction. Call it last in a
 * transaction: it holds the tenant's chain head locked until commit. Thread-safe.
 */
public final class AuditAppender {

  private static final HexFormat HEX = HexFormat.of();

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
    AuditDao dao = handle.attach(AuditDao.class);
    Head head = dao.lockHead(tenantId).orElseThrow(
        () -> new IllegalStateException("tenant " + tenantId + " has no audit chain"));
    // Commit times never decrease along the chain, even if the clock steps back: a time window
    // is then a seq range (see AuditLog#range).
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (head.occurredAt() != null && now.isBefore(head.occurredAt())) now = head.occurredAt();
    byte[] tail = AuditChain.tail(tenantId, now);
    MessageDigest sha = Sha256.digest();
    List<AuditEntry> stored = new ArrayList<>(pending.size());
    byte[] previous = HEX.parseHex(head.hash());
    String hash = head.hash();
    long seq = head.seq();
    // Each row goes to the database as soon as it is hashed: on PostgreSQL the server stores
    // the first rows of a group while the rest are still being hashed.
    try (AuditRows rows = AuditRows.open(handle.getConnection(), pending.size())) {
      for (PendingEntry p : pending) {
        seq++;
        previous = AuditChain.hash(sha, previous, p.prepared(), seq, tail);
        hash = HEX.formatHex(previous);
        stored.add(new AuditEntry(seq, tenantId, now, p.actor(), p.kind(), p.subject(), p.data(), hash));
        rows.add(new AuditRows.Row(tenantId, seq, now, p.actor(), p.kind(), p.subject(), p.canonicalData(), hash,
            p.index()));
      }
      rows.finish();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot append to the audit chain of tenant " + tenantId, e);
    }
    dao.moveHead(tenantId, seq, hash, now);
    List<PendingEntry> committed = List.copyOf(pending);
    handle.afterCommit(() -> listeners.committed(tenantId, committed));
    return stored;
  }
}
