package dev.vigil.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One document of the evidence index, as built from the database: everything a search result
 * shows, so rendering never reads the database again.
 *
 * @param type what it is
 * @param id its id within the type (an entry's seq, a run's id, {@code runId:memberId} for an evidence item)
 * @param title one line a person reads
 * @param time when it happened (an action's own time, a run's start, a finding's opening)
 * @param seq the chain position of the entry that proves it
 * @param hash that entry's hash
 * @param body the text searched by default and highlighted in snippets
 * @param terms exact-match fields by {@link Fields} name, each with one or more values
 * @param numbers numeric fields by {@link Fields} name (epoch millis for times)
 * @param fields the document as the API shows it; never a secret
 */
public record EvidenceDoc(DocType type, String id, String title, Instant time, long seq, String hash, String body,
    Map<String, List<String>> terms, Map<String, Long> numbers, ObjectNode fields) {

  public EvidenceDoc {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    terms = Map.copyOf(terms);
    numbers = Map.copyOf(numbers);
  }

  /** The id unique across types: the key a document is replaced by. */
  public String uid() {
    return uid(type, id);
  }

  public static String uid(DocType type, String id) {
    return type.wire() + "/" + id;
  }

  /** Whether {@code s} has the form {@link #uid(DocType, String)} gives: a document type, a slash, an id. */
  public static boolean isUid(String s) {
    int slash = s.indexOf('/');
    return slash > 0 && slash < s.length() - 1 && DocType.fromWire(s.substring(0, slash)).isPresent();
  }
}
