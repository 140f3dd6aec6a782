package dev.vigil.app;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A fingerprint of what the API stores, read straight from the server's database: each
 * tenant's audit chain (length and last sequence number) and a digest of every row of every
 * other table, so a refused request can be shown to have changed nothing. What the server
 * writes on its own schedule is left out, or a background job finishing mid-request would look
 * like a change: control runs and what they derive, checkpoints and their deliveries to the
 * sinks, report generation, alert deliveries, LG-1's verification state, the scheduler's and
 * the migrations' tables. A table added later is covered
 * unless it is named here.
 */
final class StoredState implements AutoCloseable {

  /** Tables the server writes in the background. */
  private static final Set<String> BACKGROUND_TABLES = Set.of("audit_entries", "audit_heads", "checkpoints",
      "checkpoint_deliveries", "control_runs", "control_status", "control_sweeps", "findings", "finding_changes",
      "alert_deliveries", "reports", "chain_verification", "usage_watermarks", "usage_grants", "usage_action_hours",
      "usage_outside_hours", "databasechangelog", "databasechangeloglock");

  /**
   * Audit entries written in the background (control runs, report generation), and the one
   * kind a refusal writes by design: a refused lease is itself recorded.
   */
  static final String CHAIN = """
      SELECT tenant_id, COUNT(*), MAX(seq) FROM audit_entries
      WHERE kind NOT IN ('control.run', 'report.generated', 'report.failed', 'credential.lease_denied')
      GROUP BY tenant_id ORDER BY tenant_id
      """;

  /** A report's request; its status, progress and files move as it is generated. */
  static final String REPORTS = "SELECT tenant_id, id, title, period_from, period_to, created_at FROM reports";

  private final Connection connection;
  private final List<String> tables;

  StoredState(Connection connection) throws SQLException {
    this.connection = connection;
    List<String> names = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%",
        new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        String lower = name.toLowerCase(Locale.ROOT);
        if (!BACKGROUND_TABLES.contains(lower) && !lower.startsWith("qrtz_")) names.add(name);
      }
    }
    this.tables = List.copyOf(names);
  }

  /** The tables the digest covers. */
  List<String> tables() {
    return tables;
  }

  /** The chain heads, and a digest of the rows of every covered table. */
  String read() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery(CHAIN)) {
        while (rs.next()) out.append(rs.getString(1)).append(':').append(rs.getLong(2)).append('/')
            .append(rs.getLong(3)).append(' ');
      }
      out.append("reports=").append(digest(st, REPORTS)).append(' ');
      for (String table : tables) {
        // Names come from the database's catalog, never from input; identifiers cannot be bound.
        out.append(table.toLowerCase(Locale.ROOT)).append('=')
            .append(digest(st, "SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")).append(' ');
      }
    }
    return out.toString();
  }

  /** A digest of the rows {@code query} returns, whatever their order: the XOR of each row's SHA-256. */
  private static String digest(Statement st, String query) throws SQLException {
    byte[] sum = new byte[32];
    int rows = 0;
    try (ResultSet rs = st.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) row.append(rs.getString(i)).append('\u0001');
        byte[] h = sha256(row.toString());
        for (int i = 0; i < sum.length; i++) sum[i] ^= h[i];
        rows++;
      }
    }
    return rows + ":" + HexFormat.of().formatHex(sum, 0, 8);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
