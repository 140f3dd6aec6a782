package dev.vigil.collectors.grants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.controls.model.Grant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code grants} row; scopes are stored as a JSON array. Thread-safe. */
public final class GrantMapper implements RowMapper<Grant> {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  /** Thread-safe once configured; shared because JDBI makes a mapper per statement. */
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Grant map(ResultSet rs, StatementContext ctx) throws SQLException {
    List<String> scopes;
    try {
      scopes = JSON.readValue(rs.getString("scopes"), STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("grant " + rs.getString("id") + " has unreadable scopes", e);
    }
    return new Grant(rs.getString("tenant_id"), rs.getString("id"), rs.getString("agent_id"),
        rs.getString("connection_id"), scopes, rs.getString("justification"),
        rs.getString("requested_by"), rs.getString("approved_by"), instant(rs, "granted_at"),
        instant(rs, "expires_at"), instant(rs, "revoked_at"));
  }

  static String encode(List<String> scopes) {
    try {
      return JSON.writeValueAsString(scopes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
