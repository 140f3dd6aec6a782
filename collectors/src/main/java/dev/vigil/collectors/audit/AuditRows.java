package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.Actor;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Writes hashed audit rows: a PostgreSQL {@code COPY} for large groups (the ingest hot path,
 * where it costs a fraction of a batched insert), a plain JDBC batch otherwise and on H2.
 * Both run in the caller's transaction. Stateless.
 */
final class AuditRows {

  /** A row as stored; {@code index} is null for entries that are not actions or decisions. */
  record Row(String tenantId, long seq, Instant time, Actor actor, String kind, String subject, String data,
      String hash, PendingEntry.EventIndex index) {}

  /** Groups at least this large go through COPY on PostgreSQL. */
  static final int COPY_FROM = 64;

  private static final String COLUMNS = "tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, "
      + "hash, agent_id, connection_id, action, event_time, grant_id";
  private static final String INSERT = "INSERT INTO audit_entries (" + COLUMNS + ") "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String COPY = "COPY audit_entries (" + COLUMNS + ") FROM STDIN";

  private AuditRows() {}

  static void insert(Connection c, List<Row> rows) throws SQLException {
    if (rows.size() >= COPY_FROM && c.isWrapperFor(PGConnection.class)) {
      copy(c.unwrap(PGConnection.class), rows);
    } else {
      batch(c, rows);
    }
  }

  private static void batch(Connection c, List<Row> rows) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (Row r : rows) {
        PendingEntry.EventIndex index = r.index();
        insert.setString(1, r.tenantId());
        insert.setLong(2, r.seq());
        insert.setTimestamp(3, Timestamp.from(r.time()));
        insert.setString(4, r.actor().type());
        insert.setString(5, r.actor().id());
        insert.setString(6, r.kind());
        insert.setString(7, r.subject());
        insert.setString(8, r.data());
        insert.setString(9, r.hash());
        insert.setString(10, index == null ? null : index.agentId());
        insert.setString(11, index == null ? null : index.connectionId());
        insert.setString(12, index == null ? null : index.action());
        insert.setTimestamp(13, index == null ? null : Timestamp.from(index.eventTime()));
        insert.setString(14, index == null ? null : index.grantId());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** COPY in PostgreSQL's text format: tab-separated, {@code \N} for null, backslash escapes. */
  private static void copy(PGConnection pg, List<Row> rows) throws SQLException {
    StringBuilder text = new StringBuilder(rows.size() * 512);
    for (Row r : rows) {
      PendingEntry.EventIndex index = r.index();
      field(text, r.tenantId()).append('\t').append(r.seq()).append('\t').append(r.time()).append('\t');
      field(text, r.actor().type()).append('\t');
      field(text, r.actor().id()).append('\t');
      field(text, r.kind()).append('\t');
      field(text, r.subject()).append('\t');
      field(text, r.data()).append('\t');
      field(text, r.hash()).append('\t');
      field(text, index == null ? null : index.agentId()).append('\t');
      field(text, index == null ? null : index.connectionId()).append('\t');
      field(text, index == null ? null : index.action()).append('\t');
      field(text, index == null ? null : index.eventTime().toString()).append('\t');
      field(text, index == null ? null : index.grantId()).append('\n');
    }
    try {
      pg.getCopyAPI().copyIn(COPY, new StringReader(text.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into audit_entries failed", e);
    }
  }

  private static StringBuilder field(StringBuilder out, String value) {
    if (value == null) return out.append("\\N");
    int first = 0;
    while (first < value.length() && !special(value.charAt(first))) first++;
    if (first == value.length()) return out.append(value); // the common case: one bulk copy
    out.append(value, 0, first);
    for (int i = first; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
    return out;
  }

  private static boolean special(char ch) {
    return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
  }
}
