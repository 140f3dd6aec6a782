package dev.vigil.evidence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a search is narrowed to, besides its query: exact values of a few fields, and a time
 * window {@code [from, to)}. Null means not narrowed.
 */
public record Filters(DocType type, String controlId, String family, String criterion, String agentId,
    String connectionId, String vendorId, String status, Instant from, Instant to) {

  public static final Filters NONE = new Filters(null, null, null, null, null, null, null, null, null, null);

  /** The exact-match filters by {@link Fields} name, leaving out those not set. */
  public Map<String, String> terms() {
    Map<String, String> out = new LinkedHashMap<>();
    if (type != null) out.put(Fields.TYPE, type.wire());
    put(out, Fields.CONTROL_ID, controlId);
    put(out, Fields.FAMILY, family);
    put(out, Fields.CRITERION, criterion);
    put(out, Fields.AGENT_ID, agentId);
    put(out, Fields.CONNECTION_ID, connectionId);
    put(out, Fields.VENDOR_ID, vendorId);
    put(out, Fields.STATUS, status);
    return out;
  }

  private static void put(Map<String, String> out, String field, String value) {
    if (value != null) out.put(field, value);
  }
}
