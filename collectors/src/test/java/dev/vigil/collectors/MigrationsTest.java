package dev.vigil.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void migratingTwiceIsHarmlessAndLeavesPooledConnectionsCommitting() throws Exception {
    // One pooled connection: the one Liquibase used is the one the next transaction gets.
    JdbcConnectionPool pool = JdbcConnectionPool.create(
        "jdbc:h2:mem:m" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", "");
    pool.setMaxConnections(1);
    try {
      Migrations.apply(pool);
      Migrations.apply(pool);
      try (Connection c = pool.getConnection()) {
        assertThat(c.getAutoCommit()).isTrue();
      }
      Jdbi jdbi = Jdbis.configure(Jdbi.create(pool));
      jdbi.useTransaction(h -> h.execute(
          "INSERT INTO tenants (id, name, created_at) VALUES ('ten_1', 'A', CURRENT_TIMESTAMP)"));
      long count = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tenants").mapTo(Long.class).one());
      assertThat(count).isEqualTo(1L);
    } finally {
      pool.dispose();
    }
  }

  @Test
  void upgradingGivesEachHeadItsLastEntrysTimeAndDropsTheCommitTimeIndex() {
    JdbcConnectionPool pool = JdbcConnectionPool.create(
        "jdbc:h2:mem:u" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", "");
    try {
      Migrations.apply(pool);
      Jdbi jdbi = Jdbis.configure(Jdbi.create(pool));
      // The schema as it was before changeset 6, holding a chain of two entries.
      jdbi.useHandle(h -> {
        h.execute("DELETE FROM DATABASECHANGELOG WHERE ID = '6-commit-time-from-head'");
        h.execute("ALTER TABLE audit_heads DROP COLUMN occurred_at");
        h.execute("CREATE INDEX ix_audit_entries_time ON audit_entries (tenant_id, occurred_at)");
        h.execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_1', 'A', CURRENT_TIMESTAMP)");
        for (int seq = 1; seq <= 2; seq++) {
          h.execute("INSERT INTO audit_entries (tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject,"
              + " data, hash) VALUES ('ten_1', ?, ?, 'cli', 'cli', 'tenant.created', 'ten_1', '{}', ?)",
              seq, OffsetDateTime.parse("2026-11-20T10:00:0" + seq + "Z"), "a".repeat(64));
        }
        h.execute("INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ('ten_1', 2, ?)", "a".repeat(64));
      });

      Migrations.apply(pool);

      Instant at = jdbi.withHandle(h -> h.createQuery(
          "SELECT occurred_at FROM audit_heads WHERE tenant_id = 'ten_1'").mapTo(Instant.class).one());
      assertThat(at).isEqualTo(Instant.parse("2026-11-20T10:00:02Z"));
      long indexes = jdbi.withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'IX_AUDIT_ENTRIES_TIME'")
          .mapTo(Long.class).one());
      assertThat(indexes).isZero();
    } finally {
      pool.dispose();
    }
  }
}
