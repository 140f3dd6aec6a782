package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit tables. Use through {@link AuditAppender} and {@link AuditLog}. */
@RegisterRowMapper(AuditEntryMapper.class)
@RegisterConstructorMapper(Head.class)
public interface AuditDao {

  @SqlUpdate("INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (:tenantId, 0, :genesis)")
  void startChain(@Bind("tenantId") String tenantId, @Bind("genesis") String genesis);

  @SqlQuery("SELECT seq, hash, occurred_at, policy_version FROM audit_heads WHERE tenant_id = :tenantId")
  Optional<Head> head(@Bind("tenantId") String tenantId);

  /** The tenant's policy version as last committed (0 for none or no chain), unlocked. */
  @SqlQuery("SELECT COALESCE(MAX(policy_version), 0) FROM audit_heads WHERE tenant_id = :tenantId")
  long policyVersion(@Bind("tenantId") String tenantId);

  @SqlQuery("""
      SELECT tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash
      FROM audit_entries
      WHERE tenant_id = :tenantId AND seq > :afterSeq
      ORDER BY seq
      LIMIT :limit
      """)
  List<AuditEntry> after(@Bind("tenantId") String tenantId, @Bind("afterSeq") long afterSeq,
      @Bind("limit") int limit);

  /**
   * The condition of an audit trail page's filters: each applies when its value is not null.
   * None has an index of its own (each would slow the data plane's ingest, which writes this
   * table); the page bounds the seq range it reads instead ({@link AuditLog#trail}).
   */
  String AND_FILTERS = " AND (CAST(:kind AS VARCHAR(80)) IS NULL OR kind = :kind)"
      + " AND (CAST(:actorId AS VARCHAR(80)) IS NULL OR actor_id = :actorId)"
      + " AND (CAST(:subject AS VARCHAR(80)) IS NULL OR subject = :subject) ";

  /** The entries with seq in {@code [first, last]} that pass the filters, newest first. */
  @SqlQuery("SELECT tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash FROM audit_entries "
      + "WHERE tenant_id = :tenantId AND seq >= :first AND seq <= :last" + AND_FILTERS
      + "ORDER BY seq DESC LIMIT :limit")
  List<AuditEntry> newest(@Bind("tenantId") String tenantId, @Bind("first") long first, @Bind("last") long last,
      @Bind("kind") String kind, @Bind("actorId") String actorId, @Bind("subject") String subject,
      @Bind("limit") int limit);

  /** As {@link #newest}, oldest first. */
  @SqlQuery("SELECT tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash FROM audit_entries "
      + "WHERE tenant_id = :tenantId AND seq >= :first AND seq <= :last" + AND_FILTERS
      + "ORDER BY seq LIMIT :limit")
  List<AuditEntry> oldest(@Bind("tenantId") String tenantId, @Bind("first") long first, @Bind("last") long last,
      @Bind("kind") String kind, @Bind("actorId") String actorId, @Bind("subject") String subject,
      @Bind("limit") int limit);

  @SqlQuery("SELECT hash FROM audit_entries WHERE tenant_id = :tenantId AND seq = :seq")
  Optional<String> hashAt(@Bind("tenantId") String tenantId, @Bind("seq") long seq);

  @SqlQuery("SELECT occurred_at FROM audit_entries WHERE tenant_id = :tenantId AND seq = :seq")
  Optional<Instant> timeAt(@Bind("tenantId") String tenantId, @Bind("seq") long seq);
}
