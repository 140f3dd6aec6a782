package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit tables. Use through {@link AuditAppender} and {@link AuditLog}. */
@RegisterRowMapper(AuditEntryMapper.class)
@RegisterConstructorMapper(Head.class)
public interface AuditDao {

  @SqlUpdate("INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (:tenantId, 0, :genesis)")
  void startChain(@Bind("tenantId") String tenantId, @Bind("genesis") String genesis);

  /** The head, locked until the transaction ends. */
  @SqlQuery("SELECT seq, hash FROM audit_heads WHERE tenant_id = :tenantId FOR UPDATE")
  Optional<Head> lockHead(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT seq, hash FROM audit_heads WHERE tenant_id = :tenantId")
  Optional<Head> head(@Bind("tenantId") String tenantId);

  @SqlUpdate("UPDATE audit_heads SET seq = :seq, hash = :hash WHERE tenant_id = :tenantId")
  void moveHead(@Bind("tenantId") String tenantId, @Bind("seq") long seq, @Bind("hash") String hash);

  @SqlBatch("""
      INSERT INTO audit_entries
        (tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash,
         agent_id, connection_id, action, event_time)
      VALUES (:tenantId, :seq, :time, :actorType, :actorId, :kind, :subject, :data, :hash,
         :agentId, :connectionId, :action, :eventTime)
      """)
  void insert(@Bind("tenantId") String tenantId, @Bind("seq") List<Long> seq,
      @Bind("time") List<Instant> time, @Bind("actorType") List<String> actorType,
      @Bind("actorId") List<String> actorId, @Bind("kind") List<String> kind,
      @Bind("subject") List<String> subject, @Bind("data") List<String> data,
      @Bind("hash") List<String> hash, @Bind("agentId") List<String> agentId,
      @Bind("connectionId") List<String> connectionId, @Bind("action") List<String> action,
      @Bind("eventTime") List<Instant> eventTime);

  @SqlQuery("""
      SELECT tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash
      FROM audit_entries
      WHERE tenant_id = :tenantId AND seq > :afterSeq
      ORDER BY seq
      LIMIT :limit
      """)
  List<AuditEntry> after(@Bind("tenantId") String tenantId, @Bind("afterSeq") long afterSeq,
      @Bind("limit") int limit);

  @SqlQuery("SELECT hash FROM audit_entries WHERE tenant_id = :tenantId AND seq = :seq")
  Optional<String> hashAt(@Bind("tenantId") String tenantId, @Bind("seq") long seq);
}
