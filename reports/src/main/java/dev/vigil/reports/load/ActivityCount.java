package dev.vigil.reports.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.reports.content.SystemDescription;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts the decisions (allowed, denied) and reported actions (by outcome) among the entries
 * it is handed, as the period's chain is streamed past it for verification. Each value is read
 * from the entry's data text as stored: when the field's key occurs once in it, that is the
 * entry's own field (the stores require it at the top level, and a key inside a string is
 * escaped), and the value is the string after it; otherwise (the key also names a nested
 * attribute, or the value has escapes) the data is parsed. Parsing every one of a year's
 * millions of actions would cost more than verifying them. Not thread-safe.
 */
final class ActivityCount implements Consumer<AuditLog.StoredEntry> {

  /** The audit kind DecisionStore records an authorization decision under; its data says allow or deny. */
  static final String DECISION = "decision";
  /** The audit kind EventStore records a reported agent action under; its data carries the outcome. */
  static final String ACTION = "event";
  /** The outcomes EventStore accepts, listed even when none occurred; any other found is counted too. */
  static final List<String> OUTCOMES = List.of("success", "failure", "denied");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DECISION_KEY = "\"decision\":";
  private static final String OUTCOME_KEY = "\"outcome\":";

  private long allowed;
  private long denied;
  private final Map<String, Long> outcomes = new TreeMap<>();

  ActivityCount() {
    OUTCOMES.forEach(o -> outcomes.put(o, 0L));
  }

  @Override
  public void accept(AuditLog.StoredEntry entry) {
    String kind = entry.meta().kind();
    if (DECISION.equals(kind)) {
      String v = value(entry.data(), DECISION_KEY, "decision");
      if ("allow".equals(v)) allowed++;
      else if ("deny".equals(v)) denied++;
    } else if (ACTION.equals(kind)) {
      outcomes.merge(value(entry.data(), OUTCOME_KEY, "outcome"), 1L, Long::sum);
    }
  }

  SystemDescription.Activity result() {
    return new SystemDescription.Activity(allowed, denied, outcomes);
  }

  /** The top-level string {@code field} of {@code data}, whose key in quotes and colon is {@code key}. */
  static String value(String data, String key, String field) {
    int at = data.indexOf(key);
    if (at >= 0 && data.indexOf(key, at + key.length()) < 0) {
      int start = at + key.length();
      if (start < data.length() && data.charAt(start) == '"') {
        int end = data.indexOf('"', start + 1);
        String v = end < 0 ? null : data.substring(start + 1, end);
        if (v != null && v.indexOf('\\') < 0) return v;
      }
    }
    try {
      return JSON.readTree(data).path(field).asText();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("entry data is not JSON", e);
    }
  }
}
