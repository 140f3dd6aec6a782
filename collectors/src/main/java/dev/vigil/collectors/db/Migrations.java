package dev.vigil.collectors.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies the Liquibase changelog {@value #CHANGELOG} (the same one {@code db migrate} uses).
 * Liquibase's own lock table makes concurrent starts of several nodes safe.
 */
public final class Migrations {

  public static final String CHANGELOG = "migrations.xml";

  private Migrations() {}

  /** Brings the schema up to date; a no-op when it already is. */
  public static void apply(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try {
        update(connection);
      } finally {
        // Liquibase turns auto-commit off; a pooled connection handed back like that would
        // make the next borrower's transactions silently roll back.
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to migrate the schema: " + e.getMessage(), e);
    }
  }

  private static void update(Connection connection) {
    try {
      Database database = DatabaseFactory.getInstance()
          .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Map<String, Object> scope = Map.of(
          Scope.Attr.ui.name(), new LoggerUIService(),
          Scope.Attr.resourceAccessor.name(),
          new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()));
      Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
          .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
          .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
          .execute());
    } catch (Exception e) {
      throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
    }
  }
}
