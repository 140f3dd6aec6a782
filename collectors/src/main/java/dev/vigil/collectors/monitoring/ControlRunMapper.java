package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Excused;
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
    JsonNode evidence;
    try {
      evidence = JSON.readTree(rs.getString("evidence"));
    } catch (JsonProcessingException e) {
      throw new SQLException("run " + rs.getString("id") + " has unreadable evidence", e);
    }
    List<Deviation> exceptions = new ArrayList<>();
    for (JsonNode d : evidence.path("exceptions")) {
      exceptions.add(new Deviation(d.path("subjectId").asText(), d.path("detail").asText()));
    }
    List<Excused> excused = new ArrayList<>();
    for (JsonNode d : evidence.path("excused")) {
      excused.add(new Excused(d.path("subjectId").asText(), d.path("detail").asText(),
          d.path("exceptionId").asText(), Instant.parse(d.path("expiresAt").asText())));
    }
    long seq = rs.getLong("audit_seq");
    Long auditSeq = rs.wasNull() ? null : seq;
    JsonNode error = evidence.path("error");
    JsonNode schedule = evidence.path("scheduleSeconds");
    return new ControlRun(rs.getString("tenant_id"), rs.getString("id"), rs.getString("control_id"),
        rs.getString("family"), RunTrigger.valueOf(rs.getString("run_trigger")),
        instant(rs, "scheduled_for"), schedule.isIntegralNumber() ? schedule.asLong() : null,
        instant(rs, "started_at"), instant(rs, "finished_at"),
        RunResult.valueOf(rs.getString("result")), rs.getLong("population"), rs.getLong("exception_count"),
        exceptions, excused, error.isTextual() ? error.asText() : null, rs.getString("evidence_sha256"), auditSeq);
  }

  /** Maps a row to the run and its evidence record as stored. Thread-safe. */
  public static final class WithEvidence implements RowMapper<StoredRun> {
    private final ControlRunMapper runs = new ControlRunMapper();

    @Override
    public StoredRun map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new StoredRun(runs.map(rs, ctx), rs.getString("evidence"));
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
