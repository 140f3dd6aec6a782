package dev.vigil.evidence.docs;

import dev.vigil.collectors.audit.AuditEntryMapper;
import dev.vigil.controls.audit.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** What the index reads besides the stores: chain entries with their covering grant, names, heads. */
public interface EvidenceDao {

  /** An entry and the grant that covered it, when it is an action or decision a grant allowed. */
  record Indexed(AuditEntry entry, String grantId) {}

  /** A tenant's chain head: its last seq and when that entry was committed (null for an empty chain). */
  record TenantHead(String tenantId, long seq, Instant occurredAt) {}

  /** An id and a name. */
  record Named(String id, String name) {}

  @SqlQuery("""
      SELECT tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash, grant_id
      FROM audit_entries WHERE tenant_id = :tenantId AND seq > :afterSeq ORDER BY seq LIMIT :limit
      """)
  @UseRowMapper(IndexedMapper.class)
  List<Indexed> after(@Bind("tenantId") String tenantId, @Bind("afterSeq") long afterSeq, @Bind("limit") int limit);

  /** Every tenant's head: the one read that spans tenants, to learn which chains grew. */
  @SqlQuery("SELECT tenant_id, seq, occurred_at FROM audit_heads")
  @UseRowMapper(HeadMapper.class)
  List<TenantHead> heads();

  @SqlQuery("SELECT tenant_id, seq, occurred_at FROM audit_heads WHERE tenant_id = :tenantId")
  @UseRowMapper(HeadMapper.class)
  Optional<TenantHead> head(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT id, name FROM agents WHERE tenant_id = :tenantId")
  @RegisterConstructorMapper(Named.class)
  List<Named> agentNames(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT id, name FROM connections WHERE tenant_id = :tenantId")
  @RegisterConstructorMapper(Named.class)
  List<Named> connectionNames(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT id, name FROM vendors WHERE tenant_id = :tenantId")
  @RegisterConstructorMapper(Named.class)
  List<Named> vendorNames(@Bind("tenantId") String tenantId);

  /** The connections of a vendor, whose documents name it. */
  @SqlQuery("SELECT id FROM connections WHERE tenant_id = :tenantId AND vendor_id = :vendorId")
  List<String> connectionsOfVendor(@Bind("tenantId") String tenantId, @Bind("vendorId") String vendorId);

  /** Maps an entry row with its grant. */
  final class IndexedMapper implements RowMapper<Indexed> {
    private final AuditEntryMapper entries = new AuditEntryMapper();

    @Override
    public Indexed map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Indexed(entries.map(rs, ctx), rs.getString("grant_id"));
    }
  }

  /** Maps a head row. */
  final class HeadMapper implements RowMapper<TenantHead> {
    @Override
    public TenantHead map(ResultSet rs, StatementContext ctx) throws SQLException {
      OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
      return new TenantHead(rs.getString("tenant_id"), rs.getLong("seq"), at == null ? null : at.toInstant());
    }
  }
}
