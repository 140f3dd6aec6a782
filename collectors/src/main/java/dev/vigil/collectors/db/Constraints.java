package dev.vigil.collectors.db;

import java.sql.SQLException;

/** Recognises constraint violations, which both H2 and PostgreSQL report by SQLSTATE. */
public final class Constraints {

  private static final String UNIQUE_VIOLATION = "23505";

  private Constraints() {}

  /** Whether {@code e}, or anything it wraps, is a unique-key violation. */
  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) return true;
    }
    return false;
  }
}
