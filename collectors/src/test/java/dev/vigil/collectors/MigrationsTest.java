package dev.vigil.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import java.sql.Connection;
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
}
