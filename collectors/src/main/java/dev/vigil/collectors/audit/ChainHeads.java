package dev.vigil.collectors.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;

/**
 * The {@code audit_heads} row that every append locks and moves, read and written with plain
 * JDBC in the caller's transaction. Not through {@link AuditDao}: the audit writer does this
 * twice a group, and attaching a DAO makes JDBI build an invoker, with a copy of its
 * configuration, for each of the DAO's methods: with the calls themselves, a quarter of the
 * writer's time under a stream of decisions (docs/benchmarks.md, session 19). Stateless.
 */
final class ChainHeads {

  private ChainHeads() {}

  /**
   * The head, locked until the transaction ends. The policy version comes with it, from the
   * same locked row: no change that moves it can commit between the two.
   *
   * @throws IllegalStateException when the tenant has no chain: the transaction must fail
   */
  static Head lock(Handle handle, String tenantId) {
    try (PreparedStatement s = AuditRows.driver(handle.getConnection()).prepareStatement(
        "SELECT seq, hash, occurred_at, policy_version FROM audit_heads WHERE tenant_id = ? FOR UPDATE")) {
      s.setString(1, tenantId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) throw new IllegalStateException("tenant " + tenantId + " has no audit chain");
        OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
        return new Head(rs.getLong(1), rs.getString(2), at == null ? null : at.toInstant(), rs.getLong(4));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock the audit chain head of tenant " + tenantId, e);
    }
  }

  /** Moves the head to the entry {@code seq}; the caller holds it locked. */
  static void move(Handle handle, String tenantId, long seq, String hash, Instant at) {
    update(handle, "UPDATE audit_heads SET seq = ?, hash = ?, occurred_at = ? WHERE tenant_id = ?", tenantId, s -> {
      s.setLong(1, seq);
      s.setString(2, hash);
      s.setObject(3, at.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
      s.setString(4, tenantId);
    });
  }

  /** Moves the policy version; the caller holds the head locked. */
  static void setPolicyVersion(Handle handle, String tenantId, long version) {
    update(handle, "UPDATE audit_heads SET policy_version = ? WHERE tenant_id = ?", tenantId, s -> {
      s.setLong(1, version);
      s.setString(2, tenantId);
    });
  }

  private interface Values {
    void bind(PreparedStatement s) throws SQLException;
  }

  /** Runs {@code sql} on the tenant's head with what {@code values} binds. */
  private static void update(Handle handle, String sql, String tenantId, Values values) {
    try (PreparedStatement s = AuditRows.driver(handle.getConnection()).prepareStatement(sql)) {
      values.bind(s);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot move the audit chain head of tenant " + tenantId, e);
    }
  }
}
