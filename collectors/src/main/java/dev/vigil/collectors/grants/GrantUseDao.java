package dev.vigil.collectors.grants;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * How one agent used its grants, read from the audit entries the least-privilege controls read
 * (AC-3 a grant's use from {@code grant_id}, AC-6 the actions no grant covered). Each query
 * reads one agent's entries in a window through the index on {@code (agent_id, event_time)}.
 */
@RegisterConstructorMapper(GrantUse.Use.class)
@RegisterConstructorMapper(GrantUse.OutsideGroup.class)
interface GrantUseDao {

  @SqlQuery("""
      SELECT grant_id, SUM(CASE WHEN event_time >= :recent THEN 1 ELSE 0 END) AS recent_uses,
        MAX(event_time) AS last_at
      FROM audit_entries
      WHERE agent_id = :agentId AND event_time >= :since AND tenant_id = :tenantId AND grant_id IN (<grantIds>)
      GROUP BY grant_id
      """)
  List<GrantUse.Use> uses(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @BindList("grantIds") Collection<String> grantIds, @Bind("since") Instant since, @Bind("recent") Instant recent);

  @SqlQuery("""
      SELECT COUNT(*) FROM audit_entries
      WHERE agent_id = :agentId AND event_time >= :since AND tenant_id = :tenantId AND kind = 'event'
        AND grant_id IS NULL
      """)
  long outsideCount(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId, @Bind("since") Instant since);

  @SqlQuery("""
      SELECT connection_id, action, COUNT(*) AS count, MAX(event_time) AS last_at
      FROM audit_entries
      WHERE agent_id = :agentId AND event_time >= :since AND tenant_id = :tenantId AND kind = 'event'
        AND grant_id IS NULL
      GROUP BY connection_id, action
      ORDER BY last_at DESC, connection_id, action
      LIMIT :limit
      """)
  List<GrantUse.OutsideGroup> outside(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("since") Instant since, @Bind("limit") int limit);
}
