package dev.vigil.collectors.testing;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Every row of every table of a test database as text, to search for leaked secrets. */
public final class TableDump {

  private TableDump() {}

  public static String of(TestDb db) {
    Jdbi jdbi = db.jdbi();
    if (db.kind() == TestDb.Kind.H2) {
      List<String> script = jdbi.withHandle(h -> h.createQuery("SCRIPT").mapTo(String.class).list());
      return String.join("\n", script);
    }
    return jdbi.withHandle(h -> {
      List<String> tables = h.createQuery("""
          SELECT table_name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
          """).mapTo(String.class).list();
      StringBuilder out = new StringBuilder();
      for (String table : tables) {
        // Table names come from the catalog, not from input; identifiers cannot be bound.
        h.createQuery("SELECT CAST(t AS TEXT) FROM \"" + table.replace("\"", "\"\"") + "\" t")
            .mapTo(String.class).forEach(row -> out.append(table).append(": ").append(row).append('\n'));
      }
      return out.toString();
    });
  }
}
