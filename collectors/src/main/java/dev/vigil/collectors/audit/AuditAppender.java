package dev.vigil.collectors.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.CanonicalJson;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Appends entries to a tenant's chain inside the caller's transaction. Call it last in a
 * transaction: it holds the tenant's chain head locked until commit. Thread-safe.
 */
public final class AuditAppender {

  private final Clock clock;

  public AuditAppender(Clock clock) {
    this.clock = clock;
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
    Instant now = clock.instant();
    int n = pending.size();
    List<AuditEntry> stored = new ArrayList<>(n);
    List<Long> seqs = new ArrayList<>(n);
    List<Instant> times = new ArrayList<>(n);
    List<String> actorTypes = new ArrayList<>(n);
    List<String> actorIds = new ArrayList<>(n);
    List<String> kinds = new ArrayList<>(n);
    List<String> subjects = new ArrayList<>(n);
    List<String> datas = new ArrayList<>(n);
    List<String> hashes = new ArrayList<>(n);
    List<String> agentIds = new ArrayList<>(n);
    List<String> connectionIds = new ArrayList<>(n);
    List<String> actions = new ArrayList<>(n);
    List<Instant> eventTimes = new ArrayList<>(n);
    String previous = head.hash();
    long seq = head.seq();
    for (PendingEntry p : pending) {
      seq++;
      AuditEntry entry = new AuditEntry(seq, tenantId, now, p.actor(), p.kind(), p.subject(), p.data(), null);
      previous = AuditChain.nextHash(previous, entry);
      entry = entry.withHash(previous);
      stored.add(entry);
      seqs.add(seq);
      times.add(entry.time());
      actorTypes.add(p.actor().type());
      actorIds.add(p.actor().id());
      kinds.add(p.kind());
      subjects.add(p.subject());
      datas.add(CanonicalJson.string(p.data()));
      hashes.add(previous);
      PendingEntry.EventIndex index = p.index();
      agentIds.add(index == null ? null : index.agentId());
      connectionIds.add(index == null ? null : index.connectionId());
      actions.add(index == null ? null : index.action());
      eventTimes.add(index == null ? null : index.eventTime());
    }
    dao.insert(tenantId, seqs, times, actorTypes, actorIds, kinds, subjects, datas, hashes,
        agentIds, connectionIds, actions, eventTimes);
    dao.moveHead(tenantId, seq, previous);
    return stored;
  }
}
