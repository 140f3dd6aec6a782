package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.AuditEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Appends entries whose commit times the caller chooses, for loading a history (the
 * benchmark's estate) rather than recording a change now. The rows, hashes and head move are
 * {@link AuditAppender}'s own: the same writer stores them, as COPY or a JDBC batch. Unlike
 * it, nobody is told of the entries, so no change-triggered control run follows.
 *
 * <p>Runs in the caller's transaction and holds the tenant's chain head locked until it
 * ends. Stateless and thread-safe; concurrent appends to one tenant queue on the head lock.
 */
public final class BackfillAppender {

  /** An entry and the time its chain records for it. */
  public record Dated(Instant time, PendingEntry entry) {}

  /**
   * Appends {@code entries} in order and returns the stored entries. Times are kept to the
   * millisecond, as the chain format writes them, and must not decrease from one entry to the
   * next, nor precede the head's: a chain's times never go back (verifiers check it), so a
   * history is loaded into a tenant whose chain began before it.
   *
   * @throws IllegalStateException when the tenant has no chain
   * @throws IllegalArgumentException when a time precedes the one before it
   */
  public List<AuditEntry> append(Handle handle, String tenantId, List<Dated> entries) {
    Head head = ChainHeads.lock(handle, tenantId);
    List<PendingEntry> pending = new ArrayList<>(entries.size());
    List<Instant> times = new ArrayList<>(entries.size());
    Instant last = head.occurredAt();
    for (Dated d : entries) {
      Instant time = d.time().truncatedTo(ChronoUnit.MILLIS);
      if (last != null && time.isBefore(last)) {
        throw new IllegalArgumentException("times must not decrease: " + time + " after " + last);
      }
      pending.add(d.entry());
      times.add(time);
      last = time;
    }
    return ChainWriter.write(handle, tenantId, head, pending, times);
  }
}
