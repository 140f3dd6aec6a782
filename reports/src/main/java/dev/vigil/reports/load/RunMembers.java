package dev.vigil.reports.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The members a run's evidence record lists as examined ({@code members}, meaningful when
 * {@code membersListed} is true; see collectors' RunRecorder). Read with a streaming parser
 * that skips every other field, since a report reads this from every run of the period.
 * Thread-safe.
 */
final class RunMembers {

  private static final JsonFactory JSON = new JsonFactory();

  private RunMembers() {}

  /** The listed members, or an empty list when the run lists none. */
  static List<String> of(String runId, String evidence) {
    try (JsonParser p = JSON.createParser(evidence)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalStateException("run " + runId
          + " has evidence that is not a JSON object");
      List<String> members = List.of();
      boolean listed = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("membersListed".equals(field)) {
          listed = value == JsonToken.VALUE_TRUE;
        } else if ("members".equals(field) && value == JsonToken.START_ARRAY) {
          List<String> read = new ArrayList<>();
          while (p.nextToken() == JsonToken.VALUE_STRING) read.add(p.getText());
          members = read;
        } else {
          p.skipChildren();
        }
      }
      return listed ? members : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("run " + runId + " has unreadable evidence", e);
    }
  }
}
