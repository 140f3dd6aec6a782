package dev.vigil.app.resources;

import dev.vigil.evidence.DocType;
import dev.vigil.evidence.Fields;
import dev.vigil.evidence.Hit;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API URLs an evidence document links to, by name: itself, the chain entry that proves it,
 * and each object it is about that the API has a route for (an agent, a connection, a vendor,
 * an incident, a control, a run and its evidence record, the grants of an agent). Only routes
 * that exist are linked: there is none for one grant or one finding.
 */
final class EvidenceLinks {

  private static final String API = "/api/v1";

  private EvidenceLinks() {}

  static Map<String, String> of(Hit hit) {
    Map<String, String> links = new LinkedHashMap<>();
    Map<String, String> refs = hit.refs();
    links.put("self", API + "/evidence/" + hit.type().wire() + "/" + path(hit.id()));
    links.put("entry", API + "/audit/entries?cursor=" + (hit.seq() - 1) + "&limit=1");
    String control = refs.get(Fields.CONTROL_ID);
    String run = refs.get(Fields.RUN_ID);
    if (control != null) {
      links.put("control", API + "/controls/" + path(control));
      if (run != null) {
        links.put("run", API + "/controls/" + path(control) + "/runs/" + path(run));
        links.put("runEvidence", API + "/controls/" + path(control) + "/runs/" + path(run) + "/evidence");
      }
    }
    String agent = refs.get(Fields.AGENT_ID);
    if (agent != null) {
      links.put("agent", API + "/agents/" + path(agent));
      if (hit.type() == DocType.GRANT) links.put("grants", API + "/agents/" + path(agent) + "/grants?all=true");
    }
    if (refs.containsKey(Fields.CONNECTION_ID)) {
      links.put("connection", API + "/connections/" + path(refs.get(Fields.CONNECTION_ID)));
    }
    if (refs.containsKey(Fields.VENDOR_ID)) links.put("vendor", API + "/vendors/" + path(refs.get(Fields.VENDOR_ID)));
    if (hit.type() == DocType.INCIDENT) links.put("incident", API + "/incidents/" + path(hit.id()));
    return links;
  }

  /**
   * {@code s} as URL path text: slashes kept (an evidence item's id may hold one, and the
   * server refuses an encoded slash), every byte but unreserved ones and {@code :@} escaped.
   */
  static String path(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:@/".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
