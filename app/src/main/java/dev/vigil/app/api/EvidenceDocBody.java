package dev.vigil.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.evidence.Hit;
import java.time.Instant;
import java.util.Map;

/**
 * One evidence document: in a search's items with its {@code snippet} (HTML-escaped text with
 * the query's terms in {@code <mark>}), or alone with all its {@code fields}. {@code seq} and
 * {@code hash} name the chain entry that proves it; {@code links} the API URLs of what it is
 * about.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceDocBody(String type, String id, String title, Instant time, String snippet, long seq,
    String hash, Map<String, String> links, ObjectNode fields) {

  /** A search result: no fields. */
  public static EvidenceDocBody item(Hit hit, Map<String, String> links) {
    return new EvidenceDocBody(hit.type().wire(), hit.id(), hit.title(), hit.time(), hit.snippet(), hit.seq(),
        hit.hash(), links, null);
  }

  /** A document looked up by type and id: every field, no snippet. */
  public static EvidenceDocBody document(Hit hit, Map<String, String> links) {
    return new EvidenceDocBody(hit.type().wire(), hit.id(), hit.title(), hit.time(), null, hit.seq(), hit.hash(),
        links, hit.fields());
  }
}
