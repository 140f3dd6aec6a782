package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.Sha256;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The one place that extends a chain: hashes entries after a locked head with
 * {@link AuditChain}, writes them through {@link AuditRows} and moves the head. Its callers
 * lock the head and choose the times. Stateless.
 */
final class ChainWriter {

  private static final HexFormat HEX = HexFormat.of();

  private ChainWriter() {}

  /**
   * Appends {@code pending} after {@code head}, entry i committed at {@code times.get(i)}
   * (millisecond precision, never decreasing), and returns the stored entries.
   */
  static List<AuditEntry> write(Handle handle, String tenantId, Head head, List<PendingEntry> pending,
      List<Instant> times) {
    MessageDigest sha = Sha256.digest();
    List<AuditEntry> stored = new ArrayList<>(pending.size());
    byte[] previous = HEX.parseHex(head.hash());
    String hash = head.hash();
    long seq = head.seq();
    Instant time = head.occurredAt();
    Instant tailTime = null;
    byte[] tail = null;
    // Each row goes to the database as soon as it is hashed: on PostgreSQL the server stores
    // the first rows of a group while the rest are still being hashed.
    try (AuditRows rows = AuditRows.open(handle.getConnection(), pending.size())) {
      for (int i = 0; i < pending.size(); i++) {
        PendingEntry p = pending.get(i);
        time = times.get(i);
        if (!time.equals(tailTime)) {
          tailTime = time;
          tail = AuditChain.tail(tenantId, time);
        }
        seq++;
        previous = AuditChain.hash(sha, previous, p.prepared(), seq, tail);
        hash = HEX.formatHex(previous);
        stored.add(new AuditEntry(seq, tenantId, time, p.actor(), p.kind(), p.subject(), p.data(), hash));
        rows.add(new AuditRows.Row(tenantId, seq, time, p.actor(), p.kind(), p.subject(), p.canonicalData(), hash,
            p.index()));
      }
      rows.finish();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot append to the audit chain of tenant " + tenantId, e);
    }
    ChainHeads.move(handle, tenantId, seq, hash, time);
    return stored;
  }
}
