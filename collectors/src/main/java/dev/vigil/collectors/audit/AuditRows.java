package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.Actor;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes hashed audit rows as the appender hashes them: a PostgreSQL {@code COPY} for large
 * groups (the ingest hot path, where it costs a fraction of a batched insert), a plain JDBC
 * batch otherwise and on H2. Both run in the caller's transaction.
 */
abstract class AuditRows implements AutoCloseable {

  /** A row as stored; {@code index} is null for entries that are not actions or decisions. */
  record Row(String tenantId, long seq, Instant time, Actor actor, String kind, String subject, String data,
      String hash, PendingEntry.EventIndex index) {}

  /** Groups at least this large go through COPY on PostgreSQL. */
  static final int COPY_FROM = 64;

  private static final String COLUMNS = "tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, "
      + "hash, agent_id, connection_id, action, event_time, grant_id";

  /** Rows for a group of {@code size} entries on connection {@code c}. */
  static AuditRows open(Connection c, int size) throws SQLException {
    if (size >= COPY_FROM && c.isWrapperFor(PGConnection.class)) {
      return new Copy(c.unwrap(PGConnection.class));
    }
    // The driver's own connection: the pool's statement proxy costs a reflective call per
    // parameter, 14 a row. Same connection, same transaction.
    return new Batch(c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c);
  }

  abstract void add(Row r) throws SQLException;

  /** Stores every row added; without it, {@link #close} discards them. */
  abstract void finish() throws SQLException;

  @Override
  public abstract void close() throws SQLException;

  private static final class Batch extends AuditRows {
    private final PreparedStatement insert;
    private Timestamp time;

    Batch(Connection c) throws SQLException {
      insert = c.prepareStatement("INSERT INTO audit_entries (" + COLUMNS + ") "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    void add(Row r) throws SQLException {
      if (time == null || !time.toInstant().equals(r.time())) time = Timestamp.from(r.time());
      PendingEntry.EventIndex index = r.index();
      insert.setString(1, r.tenantId());
      insert.setLong(2, r.seq());
      insert.setTimestamp(3, time);
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

    @Override
    void finish() throws SQLException {
      insert.executeBatch();
    }

    @Override
    public void close() throws SQLException {
      insert.close();
    }
  }

  /**
   * COPY in PostgreSQL's text format (tab-separated, {@code \N} for null, backslash escapes),
   * sent in chunks while the appender goes on hashing, so PostgreSQL stores rows meanwhile.
   */
  private static final class Copy extends AuditRows {
    private static final int CHUNK = 64 * 1024;
    private final CopyIn copy;
    private final Bytes out = new Bytes(CHUNK + 4096);
    private boolean finished;

    Copy(PGConnection pg) throws SQLException {
      copy = pg.getCopyAPI().copyIn("COPY audit_entries (" + COLUMNS + ") FROM STDIN");
    }

    @Override
    void add(Row r) throws SQLException {
      PendingEntry.EventIndex index = r.index();
      field(r.tenantId()).tab().ascii(Long.toString(r.seq())).tab().ascii(r.time().toString()).tab();
      field(r.actor().type()).tab();
      field(r.actor().id()).tab();
      field(r.kind()).tab();
      field(r.subject()).tab();
      field(r.data()).tab();
      field(r.hash()).tab();
      field(index == null ? null : index.agentId()).tab();
      field(index == null ? null : index.connectionId()).tab();
      field(index == null ? null : index.action()).tab();
      field(index == null ? null : index.eventTime().toString()).tab();
      field(index == null ? null : index.grantId()).out.put((byte) '\n');
      if (out.size() >= CHUNK) flush();
    }

    @Override
    void finish() throws SQLException {
      flush();
      copy.endCopy();
      finished = true;
    }

    @Override
    public void close() throws SQLException {
      if (!finished && copy.isActive()) copy.cancelCopy();
    }

    private void flush() throws SQLException {
      copy.writeToCopy(out.buffer(), 0, out.size());
      out.reset();
    }

    private Copy tab() {
      out.put((byte) '\t');
      return this;
    }

    private Copy ascii(String s) {
      out.put(s.getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    private Copy field(String value) {
      if (value == null) return ascii("\\N");
      String text = value;
      for (int i = 0; i < value.length(); i++) {
        char ch = value.charAt(i);
        if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
          text = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
          break;
        }
      }
      out.put(text.getBytes(StandardCharsets.UTF_8));
      return this;
    }
  }

  /** A growable byte buffer, unsynchronized (unlike ByteArrayOutputStream's per-byte writes). */
  private static final class Bytes {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    void put(byte b) {
      if (size == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
      buf[size++] = b;
    }

    void put(byte[] bytes) {
      if (size + bytes.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + bytes.length));
      System.arraycopy(bytes, 0, buf, size, bytes.length);
      size += bytes.length;
    }

    byte[] buffer() {
      return buf;
    }

    int size() {
      return size;
    }

    void reset() {
      size = 0;
    }
  }
}
