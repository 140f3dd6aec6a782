package dev.vigil.app.config;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import javax.sql.DataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Where the data lives: an H2 file in the data dir unless {@code url} names another database
 * ({@code VIGIL_DB_URL}, typically {@code jdbc:postgresql:...}). Builds a pooled, migrated,
 * health-checked {@link Jdbi}.
 *
 * <p>The H2 URL opens the file in AUTO_SERVER mode, so CLI commands work while a server runs
 * on the same data dir, and with WRITE_DELAY=0, so a commit is on disk before it is
 * acknowledged.
 */
public final class DatabaseFactory {

  @JsonProperty
  private String url = "";

  @JsonProperty
  private String user = "";

  @JsonProperty
  private String password = "";

  @JsonProperty
  @Min(1)
  @Max(500)
  private int maxConnections = 32;

  public String url() {
    return url;
  }

  /** Whether this configuration uses the embedded H2 default. */
  public boolean embedded(Path dataDir) {
    return jdbcUrl(dataDir).startsWith("jdbc:h2:");
  }

  /** The JDBC URL in effect: the configured one, or the H2 file in {@code dataDir}. */
  public String jdbcUrl(Path dataDir) {
    if (url != null && !url.isBlank()) return url;
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("vigil")
        + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
  }

  /** Dropwizard's pool settings for this database (also what {@code db migrate} uses). */
  public DataSourceFactory dataSourceFactory(Path dataDir) {
    String jdbcUrl = jdbcUrl(dataDir);
    boolean h2 = jdbcUrl.startsWith("jdbc:h2:");
    if (h2) {
      try {
        DataDirs.create(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data dir " + dataDir, e);
      }
    }
    DataSourceFactory f = new DataSourceFactory();
    f.setUrl(jdbcUrl);
    f.setDriverClass(h2 ? "org.h2.Driver" : "org.postgresql.Driver");
    f.setUser(blankTo(user, h2 ? "sa" : null));
    f.setPassword(blankTo(password, h2 ? "" : null));
    f.setMaxSize(maxConnections);
    f.setMinSize(Math.min(2, maxConnections));
    f.setInitialSize(Math.min(2, maxConnections));
    f.setValidationQuery("SELECT 1");
    // Every borrowed connection starts in auto-commit; JDBI opens transactions explicitly.
    f.setAutoCommitByDefault(true);
    // PostgreSQL's error detail repeats the failing row, which can hold hashes and
    // ciphertexts; keep it out of exception messages (and so out of logs).
    // reWriteBatchedInserts turns a JDBC batch into multi-row INSERTs: the group commit's hot path.
    f.setProperties(h2 ? Map.of() : Map.of("ApplicationName", "vigil", "logServerErrorDetail", "false",
        "reWriteBatchedInserts", "true"));
    return f;
  }

  /** The service's database: its pool and JDBI over it, and whether it is the embedded H2. */
  public record Database(Jdbi jdbi, DataSource dataSource, boolean embedded) {}

  /** The service's database: migrated, pooled, with a {@code database} health check. */
  public Database build(Environment environment, Path dataDir) {
    DataSourceFactory f = dataSourceFactory(dataDir);
    ManagedDataSource dataSource = f.build(environment.metrics(), "database");
    Migrations.apply(dataSource);
    Jdbi jdbi = Jdbis.configure(new JdbiFactory().build(environment, f, dataSource, "database"));
    return new Database(jdbi, dataSource, embedded(dataDir));
  }

  /** A migrated database for a CLI command; close the returned source when done. */
  public ManagedDataSource buildForCommand(Path dataDir) {
    ManagedDataSource dataSource = dataSourceFactory(dataDir).build(new MetricRegistry(), "cli");
    Migrations.apply(dataSource);
    return dataSource;
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
