package dev.vigil.collectors.events;

import dev.vigil.collectors.audit.AuditEntryMapper;
import dev.vigil.controls.audit.AuditEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Event queries. Each starts from the most selective index (agent, connection, or time alone);
 * the other filters narrow within it. Results come in seq order from {@code afterSeq}.
 *
 * <p>A time window without agent or connection is read through the time index and then sorted
 * ({@code ORDER BY seq + 0}): ordered by plain {@code seq}, PostgreSQL walks the primary key from
 * the start of the tenant's chain and filters on time, expecting matches spread evenly along it,
 * when they sit together wherever the window's time is, so a narrow window far along a long
 * chain reads the chain up to it. Without a window, the primary key's order is the right plan.
 */
@RegisterRowMapper(AuditEntryMapper.class)
public interface EventDao {

  String SELECT = "SELECT tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash "
      + "FROM audit_entries WHERE tenant_id = :tenantId AND kind = 'event' "
      + "AND event_time >= :from AND event_time < :to AND seq > :afterSeq ";
  String AND_CONNECTION = "AND (CAST(:connectionId AS VARCHAR(40)) IS NULL OR connection_id = :connectionId) ";
  String AND_ACTION = "AND (CAST(:action AS VARCHAR(130)) IS NULL OR action = :action) ";
  String PAGE = "ORDER BY seq LIMIT :limit";

  @SqlQuery(SELECT + "AND agent_id = :agentId " + AND_CONNECTION + AND_ACTION + PAGE)
  List<AuditEntry> byAgent(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("connectionId") String connectionId, @Bind("action") String action,
      @Bind("from") Instant from, @Bind("to") Instant to, @Bind("afterSeq") long afterSeq,
      @Bind("limit") int limit);

  @SqlQuery(SELECT + "AND connection_id = :connectionId " + AND_ACTION + PAGE)
  List<AuditEntry> byConnection(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId,
      @Bind("action") String action, @Bind("from") Instant from, @Bind("to") Instant to,
      @Bind("afterSeq") long afterSeq, @Bind("limit") int limit);

  @SqlQuery(SELECT + AND_ACTION + "ORDER BY seq + 0 LIMIT :limit")
  List<AuditEntry> inWindow(@Bind("tenantId") String tenantId, @Bind("action") String action,
      @Bind("from") Instant from, @Bind("to") Instant to, @Bind("afterSeq") long afterSeq,
      @Bind("limit") int limit);

  @SqlQuery(SELECT + AND_ACTION + PAGE)
  List<AuditEntry> all(@Bind("tenantId") String tenantId, @Bind("action") String action,
      @Bind("from") Instant from, @Bind("to") Instant to, @Bind("afterSeq") long afterSeq,
      @Bind("limit") int limit);

  @SqlQuery("SELECT id FROM agents WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<String> existingAgents(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);

  @SqlQuery("SELECT id FROM connections WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<String> existingConnections(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);
}
