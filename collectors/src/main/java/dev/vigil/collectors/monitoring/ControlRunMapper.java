package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Excused;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code control_runs} row; the listed members come from its evidence record. Thread-safe. */
public final class ControlRunMapper implements RowMapper<ControlRun> {

  /** Thread-safe once configured; shared because JDBI makes a mapper per statement. */
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ControlRun map(ResultSet rs, StatementContext ctx) throws SQLException {
    return run(rs, read(rs, false));
  }

  private static Read read(ResultSet rs, boolean members) throws SQLException {
    try {
      return read(rs.getString("evidence"), members);
    } catch (IOException e) {
      throw new SQLException("run " + rs.getString("id") + " has unreadable evidence", e);
    }
  }

  private static ControlRun run(ResultSet rs, Read read) throws SQLException {
    long seq = rs.getLong("audit_seq");
    Long auditSeq = rs.wasNull() ? null : seq;
    return new ControlRun(rs.getString("tenant_id"), rs.getString("id"), rs.getString("control_id"),
        rs.getString("family"), RunTrigger.valueOf(rs.getString("run_trigger")),
        instant(rs, "scheduled_for"), read.scheduleSeconds(), instant(rs, "started_at"), instant(rs, "finished_at"),
        RunResult.valueOf(rs.getString("result")), rs.getLong("population"), rs.getLong("exception_count"),
        read.exceptions(), read.excused(), read.error(), rs.getString("evidence_sha256"), auditSeq);
  }

  /** What a run shows from its evidence record, and the members it lists (when asked for). */
  private record Read(List<Deviation> exceptions, List<Excused> excused, String error, Long scheduleSeconds,
      List<String> members) {}

  /**
   * Reads the fields a run shows with a streaming parser and skips the rest: a record can
   * list 10,000 members, and a report maps every run of its period.
   */
  private static Read read(String evidence, boolean withMembers) throws IOException {
    List<Deviation> exceptions = new ArrayList<>();
    List<String> members = List.of();
    boolean listed = false;
    List<Excused> excused = new ArrayList<>();
    String error = null;
    Long schedule = null;
    try (JsonParser p = JSON.createParser(evidence)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("evidence is not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "exceptions" -> {
            for (JsonNode d : p.<JsonNode>readValueAsTree()) {
              exceptions.add(new Deviation(d.path("subjectId").asText(), d.path("detail").asText()));
            }
          }
          case "excused" -> {
            for (JsonNode d : p.<JsonNode>readValueAsTree()) {
              excused.add(new Excused(d.path("subjectId").asText(), d.path("detail").asText(),
                  d.path("exceptionId").asText(), Instant.parse(d.path("expiresAt").asText())));
            }
          }
          case "error" -> error = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "scheduleSeconds" -> schedule = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
          case "membersListed" -> listed = value == JsonToken.VALUE_TRUE;
          case "members" -> {
            if (withMembers && value == JsonToken.START_ARRAY) {
              List<String> read = new ArrayList<>();
              while (p.nextToken() == JsonToken.VALUE_STRING) read.add(p.getText());
              members = read;
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    return new Read(exceptions, excused, error, schedule, listed ? members : List.of());
  }

  /** Maps a row to the run, its evidence record as stored and the members it lists. Thread-safe. */
  public static final class WithEvidence implements RowMapper<StoredRun> {

    @Override
    public StoredRun map(ResultSet rs, StatementContext ctx) throws SQLException {
      Read read = read(rs, true);
      return new StoredRun(run(rs, read), rs.getString("evidence"), read.members());
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
