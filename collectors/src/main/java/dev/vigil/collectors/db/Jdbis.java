package dev.vigil.collectors.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The one place that configures a {@link Jdbi} for Vigil's DAOs, wherever it was built. */
public final class Jdbis {

  private Jdbis() {}

  /** Installs what the DAOs need; safe to call on a Jdbi that Dropwizard already set up. */
  public static Jdbi configure(Jdbi jdbi) {
    jdbi.installPlugin(new SqlObjectPlugin());
    // Bound values include password hashes, token hashes and ciphertexts: an exception
    // message that reaches a log must not carry them.
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    return jdbi;
  }
}
