package dev.vigil.controls.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The served form of an entry, in the API and in export bundles: the canonical object plus
 * its {@code hash}. {@link BundleVerifier#entry} reads it back.
 */
public final class AuditJson {

  private AuditJson() {}

  public static ObjectNode toJson(AuditEntry entry) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("seq", entry.seq());
    o.put("tenantId", entry.tenantId());
    o.put("time", AuditChain.formatTime(entry.time()));
    o.putObject("actor").put("type", entry.actor().type()).put("id", entry.actor().id());
    o.put("kind", entry.kind());
    o.put("subject", entry.subject());
    o.set("data", entry.data());
    o.put("hash", entry.hash());
    return o;
  }
}
