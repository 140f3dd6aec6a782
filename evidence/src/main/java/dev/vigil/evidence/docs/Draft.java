package dev.vigil.evidence.docs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.evidence.DocType;
import dev.vigil.evidence.EvidenceDoc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document being assembled: each call records a value once, as a search term, a number or a
 * field shown to users, so the three never disagree. Not thread-safe; one per document.
 */
final class Draft {

  /** Enough text to find a document by; long free text is cut here. */
  static final int BODY_MAX = 8_000;

  private final DocType type;
  private final String id;
  private final AuditEntry proof;
  private final Map<String, List<String>> terms = new LinkedHashMap<>();
  private final Map<String, Long> numbers = new LinkedHashMap<>();
  private final ObjectNode fields = AuditData.object();
  private final StringBuilder body = new StringBuilder();
  private String title;
  private Instant time;

  /** A document proved by the chain entry {@code proof}, at its commit time unless {@link #time} says otherwise. */
  Draft(DocType type, String id, AuditEntry proof) {
    this.type = type;
    this.id = id;
    this.proof = proof;
    this.time = proof.time();
  }

  Draft title(String title) {
    this.title = title;
    return text(title);
  }

  Draft time(Instant time) {
    if (time != null) this.time = time;
    return this;
  }

  /** A field shown and searchable by exact value; null values are left out. */
  Draft term(String name, String value) {
    if (value == null) return this;
    terms.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    fields.put(name, value);
    return this;
  }

  /** A field with several exact values, shown as a list. */
  Draft terms(String name, List<String> values) {
    ArrayNode shown = fields.putArray(name);
    for (String v : values) {
      terms.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
      shown.add(v);
    }
    return this;
  }

  /** A time shown as ISO-8601 and searchable as a range; null is left out. */
  Draft instant(String name, Instant value) {
    if (value == null) return this;
    numbers.put(name, value.toEpochMilli());
    fields.put(name, value.toString());
    return this;
  }

  Draft number(String name, long value) {
    numbers.put(name, value);
    fields.put(name, value);
    return this;
  }

  /** A field shown only, neither searched nor counted. */
  Draft show(String name, String value) {
    if (value != null) fields.put(name, value);
    return this;
  }

  /** The entry's own data, shown as it was recorded. */
  Draft data(com.fasterxml.jackson.databind.JsonNode data) {
    fields.set("data", data);
    return this;
  }

  /** Free text searched by default. */
  Draft text(String s) {
    if (s == null || s.isEmpty() || body.length() >= BODY_MAX) return this;
    if (body.length() > 0) body.append('\n');
    body.append(s, 0, Math.min(s.length(), BODY_MAX - body.length()));
    return this;
  }

  EvidenceDoc build() {
    fields.put("type", type.wire()).put("id", id).put("title", title).put("time", time.toString())
        .put("seq", proof.seq()).put("hash", proof.hash());
    return new EvidenceDoc(type, id, title, time, proof.seq(), proof.hash(), body.toString(), terms, numbers,
        fields);
  }
}
