package dev.vigil.app.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;

/**
 * An audit entry as served: the hashed fields, with {@code time} in the chain's canonical
 * text, and its {@code hash}. docs/audit-format.md says how to recompute the hash.
 */
public record AuditEntryBody(long seq, String tenantId, String time, Actor actor, String kind,
    String subject, ObjectNode data, String hash) {

  public static AuditEntryBody of(AuditEntry e) {
    return new AuditEntryBody(e.seq(), e.tenantId(), AuditChain.formatTime(e.time()), e.actor(),
        e.kind(), e.subject(), e.data(), e.hash());
  }
}
