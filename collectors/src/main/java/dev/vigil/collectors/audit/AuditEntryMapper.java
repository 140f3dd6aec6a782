package dev.vigil.collectors.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps an {@code audit_entries} row back to the entry that was hashed. Thread-safe. */
public final class AuditEntryMapper implements RowMapper<AuditEntry> {

  /** Thread-safe once configured; shared because JDBI makes a mapper per statement. */
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
    ObjectNode data;
    try {
      data = (ObjectNode) JSON.readTree(rs.getString("data"));
    } catch (JsonProcessingException | ClassCastException e) {
      throw new SQLException("audit entry " + rs.getLong("seq") + " holds data that is not a JSON object", e);
    }
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getString("tenant_id"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        new Actor(rs.getString("actor_type"), rs.getString("actor_id")),
        rs.getString("kind"),
        rs.getString("subject"),
        data,
        rs.getString("hash"));
  }
}
