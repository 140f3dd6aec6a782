package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.Checkpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Signed checkpoints. */
@RegisterConstructorMapper(Checkpoint.class)
public interface CheckpointDao {

  String COLUMNS = "tenant_id, size, head_hash, issued_at, note";

  @SqlUpdate("""
      INSERT INTO checkpoints (tenant_id, size, head_hash, issued_at, note)
      VALUES (:tenantId, :size, :headHash, :issuedAt, :note)
      """)
  void insert(@BindMethods Checkpoint checkpoint);

  @SqlQuery("SELECT " + COLUMNS + " FROM checkpoints WHERE tenant_id = :tenantId AND size = :size")
  Optional<Checkpoint> at(@Bind("tenantId") String tenantId, @Bind("size") long size);

  @SqlQuery("SELECT " + COLUMNS + " FROM checkpoints WHERE tenant_id = :tenantId "
      + "ORDER BY size DESC LIMIT 1")
  Optional<Checkpoint> latest(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT " + COLUMNS + " FROM checkpoints WHERE tenant_id = :tenantId "
      + "AND size >= :fromSize AND size <= :toSize ORDER BY size")
  List<Checkpoint> bySize(@Bind("tenantId") String tenantId, @Bind("fromSize") long fromSize,
      @Bind("toSize") long toSize);

  @SqlQuery("SELECT " + COLUMNS + " FROM checkpoints WHERE tenant_id = :tenantId "
      + "AND issued_at >= :from AND issued_at < :to AND size > :afterSize ORDER BY size LIMIT :limit")
  List<Checkpoint> byTime(@Bind("tenantId") String tenantId, @Bind("from") Instant from,
      @Bind("to") Instant to, @Bind("afterSize") long afterSize, @Bind("limit") int limit);

  /**
   * Every tenant's chain against its checkpoints: the head, the size of the latest checkpoint
   * (0 when none), and when the first entry past it was appended (null when none waits).
   * Read at each metrics scrape: one row per tenant, each found by primary key.
   */
  @SqlQuery("""
      SELECT s.tenant_id, s.head_seq, s.signed_size, e.occurred_at AS oldest_unsigned_at
      FROM (SELECT h.tenant_id, h.seq AS head_seq,
              COALESCE((SELECT MAX(c.size) FROM checkpoints c WHERE c.tenant_id = h.tenant_id), 0) AS signed_size
            FROM audit_heads h) s
      LEFT JOIN audit_entries e ON e.tenant_id = s.tenant_id AND e.seq = s.signed_size + 1
      ORDER BY s.tenant_id
      """)
  @RegisterConstructorMapper(Signing.class)
  List<Signing> signing();

  /** Tenants whose chain has entries that no checkpoint covers yet. */
  @SqlQuery("""
      SELECT h.tenant_id FROM audit_heads h
      WHERE h.seq > COALESCE((SELECT MAX(c.size) FROM checkpoints c WHERE c.tenant_id = h.tenant_id), 0)
      ORDER BY h.tenant_id
      """)
  List<String> tenantsBehind();
}
