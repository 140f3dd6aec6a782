package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.Actor;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes hashed audit rows as {@link ChainWriter} hashes them: a PostgreSQL binary
 * {@code COPY} for large groups (the ingest hot path, where it costs a fraction of a batched
 * insert), a plain JDBC batch otherwise and on H2. Both run in the caller's transaction. One
 * instance serves one group on one thread.
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
    return new Batch(driver(c));
  }

  /**
   * The driver's own connection under the pool's: the pool's statement proxy costs a reflective
   * call per parameter, 14 a row. Same connection, same transaction.
   */
  static Connection driver(Connection c) throws SQLException {
    return c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
  }

  abstract void add(Row r) throws SQLException;

  /** Stores every row added; without it, {@link #close} discards them. */
  abstract void finish() throws SQLException;

  @Override
  public abstract void close() throws SQLException;

  /**
   * Times are bound as {@code OffsetDateTime}, the JDBC type of TIMESTAMP WITH TIME ZONE: a
   * {@code java.sql.Timestamp} has no zone, and H2 converts each one through the default
   * zone on the writer's thread (docs/benchmarks.md has the paired test).
   */
  private static final class Batch extends AuditRows {
    private final PreparedStatement insert;
    private Instant time;
    private OffsetDateTime timeValue;

    Batch(Connection c) throws SQLException {
      insert = c.prepareStatement("INSERT INTO audit_entries (" + COLUMNS + ") "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    void add(Row r) throws SQLException {
      if (!r.time().equals(time)) {
        time = r.time();
        timeValue = time.atOffset(ZoneOffset.UTC);
      }
      PendingEntry.EventIndex index = r.index();
      insert.setString(1, r.tenantId());
      insert.setLong(2, r.seq());
      insert.setObject(3, timeValue, Types.TIMESTAMP_WITH_TIMEZONE);
      insert.setString(4, r.actor().type());
      insert.setString(5, r.actor().id());
      insert.setString(6, r.kind());
      insert.setString(7, r.subject());
      insert.setString(8, r.data());
      insert.setString(9, r.hash());
      insert.setString(10, index == null ? null : index.agentId());
      insert.setString(11, index == null ? null : index.connectionId());
      insert.setString(12, index == null ? null : index.action());
      insert.setObject(13, index == null ? null : index.eventTime().atOffset(ZoneOffset.UTC),
          Types.TIMESTAMP_WITH_TIMEZONE);
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
   * COPY in PostgreSQL's binary format, sent in chunks while the appender goes on hashing, so
   * PostgreSQL stores rows meanwhile. Binary needs no escaping, and PostgreSQL parses no
   * timestamps: they go as microseconds since 2000-01-01 UTC.
   */
  private static final class Copy extends AuditRows {
    private static final int CHUNK = 64 * 1024;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final short FIELDS = 14;
    private final CopyIn copy;
    private final Bytes out = new Bytes(CHUNK + 4096);
    private boolean finished;

    Copy(PGConnection pg) throws SQLException {
      copy = pg.getCopyAPI().copyIn("COPY audit_entries (" + COLUMNS + ") FROM STDIN (FORMAT binary)");
      out.put(SIGNATURE);
      out.putInt(0); // flags
      out.putInt(0); // header extension length
    }

    @Override
    void add(Row r) throws SQLException {
      PendingEntry.EventIndex index = r.index();
      out.putShort(FIELDS);
      text(r.tenantId());
      out.putInt(8);
      out.putLong(r.seq());
      timestamp(r.time());
      text(r.actor().type());
      text(r.actor().id());
      text(r.kind());
      text(r.subject());
      text(r.data());
      text(r.hash());
      text(index == null ? null : index.agentId());
      text(index == null ? null : index.connectionId());
      text(index == null ? null : index.action());
      timestamp(index == null ? null : index.eventTime());
      text(index == null ? null : index.grantId());
      if (out.size() >= CHUNK) flush();
    }

    @Override
    void finish() throws SQLException {
      out.putShort((short) -1); // trailer
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

    private void text(String value) {
      if (value == null) {
        out.putInt(-1);
        return;
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      out.putInt(bytes.length);
      out.put(bytes);
    }

    private void timestamp(Instant t) {
      if (t == null) {
        out.putInt(-1);
        return;
      }
      out.putInt(8);
      out.putLong(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000)
          - POSTGRES_EPOCH_MICROS);
    }
  }

  /** A growable big-endian byte buffer whose array goes to the driver without a copy. */
  private static final class Bytes {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    void put(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, size, bytes.length);
      size += bytes.length;
    }

    void putShort(short v) {
      ensure(2);
      buf[size++] = (byte) (v >> 8);
      buf[size++] = (byte) v;
    }

    void putInt(int v) {
      ensure(4);
      for (int shift = 24; shift >= 0; shift -= 8) buf[size++] = (byte) (v >> shift);
    }

    void putLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) buf[size++] = (byte) (v >> shift);
    }

    private void ensure(int more) {
      if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
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
