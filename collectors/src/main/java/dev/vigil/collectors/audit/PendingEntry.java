package dev.vigil.collectors.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.CanonicalJson;
import java.time.Instant;

/**
 * An entry about to be appended: the chain assigns its seq, time and hash. {@code index} is
 * set for reported agent actions: copies of fields of {@code data} that queries filter on.
 * {@code canonicalData} is {@code data} in canonical form and {@code prepared} the parts of the
 * entry's canonical bytes that do not depend on its place in the chain, both computed when the
 * entry is made (on the request's thread, not the chain's single writer); do not change
 * {@code data} after. An entry whose canonical data is over {@link EntrySize#MAX_DATA_BYTES}
 * cannot be made, so it never reaches a group commit.
 */
public record PendingEntry(Actor actor, String kind, String subject, ObjectNode data, EventIndex index,
    String canonicalData, AuditChain.Prepared prepared) {

  /**
   * @throws dev.vigil.collectors.db.Rejected invalid when the canonical data is over the size limit
   */
  public PendingEntry {
    EntrySize.require(canonicalData);
  }

  /**
   * @throws IllegalArgumentException when data holds a value the canonical form rejects
   * @throws dev.vigil.collectors.db.Rejected invalid when the canonical data is over the size limit
   */
  public PendingEntry(Actor actor, String kind, String subject, ObjectNode data, EventIndex index) {
    this(actor, kind, subject, data, index, CanonicalJson.string(data));
  }

  /** For callers that write {@code data}'s canonical text directly; it must be exactly that text. */
  public PendingEntry(Actor actor, String kind, String subject, ObjectNode data, EventIndex index,
      String canonicalData) {
    this(actor, kind, subject, data, index, canonicalData, AuditChain.prepare(actor, kind, subject, canonicalData));
  }

  public PendingEntry(Actor actor, String kind, String subject, ObjectNode data) {
    this(actor, kind, subject, data, null);
  }

  /**
   * The indexed fields of a reported action, a decision or a lease. {@code grantId} is the
   * grant that allowed it (for a reported action: that covered it at its moment), or null.
   */
  public record EventIndex(String agentId, String connectionId, String action, Instant eventTime,
      String grantId) {}
}
