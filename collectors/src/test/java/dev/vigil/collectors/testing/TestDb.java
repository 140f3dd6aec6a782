package dev.vigil.collectors.testing;

import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/** A migrated, empty database of one kind, private to one test class. */
public final class TestDb implements AutoCloseable {

  /** The database kinds every store test runs on. */
  public enum Kind { H2, POSTGRES }

  private final Kind kind;
  private final String url;
  private final String user;
  private final DataSource dataSource;
  private final Runnable cleanup;
  private final Jdbi jdbi;

  private TestDb(Kind kind, String url, String user, DataSource dataSource, Runnable cleanup) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.dataSource = dataSource;
    this.cleanup = cleanup;
    Migrations.apply(dataSource);
    this.jdbi = Jdbis.configure(Jdbi.create(dataSource));
  }

  public static TestDb of(Kind kind) {
    return kind == Kind.H2 ? h2() : postgres();
  }

  /** An in-memory H2 database, as the embedded default would be configured. */
  public static TestDb h2() {
    String url = "jdbc:h2:mem:vigil_" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(64);
    return new TestDb(Kind.H2, url, "sa", pool, () -> {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException ignored) {
        // already gone
      }
      pool.dispose();
    });
  }

  /** A fresh schema in the test PostgreSQL server; skips the test when none answers. */
  public static TestDb postgres() {
    String base = System.getProperty("vigil.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getProperty("vigil.test.pg.user", "postgres");
    boolean required = Boolean.getBoolean("vigil.test.pg.required");
    String schema = "vt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(base, user, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if (required) throw new IllegalStateException("PostgreSQL is required but not answering at " + base, e);
      Assumptions.abort("no PostgreSQL at " + base + ": " + e.getMessage());
    }
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    return new TestDb(Kind.POSTGRES, url, user, ds, () -> {
      try (Connection c = DriverManager.getConnection(base, user, "");
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema.toLowerCase(Locale.ROOT) + " CASCADE");
      } catch (SQLException ignored) {
        // the server went away; nothing left to clean
      }
    });
  }

  public Kind kind() {
    return kind;
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() {
    cleanup.run();
  }
}
