package dev.vigil.collectors.grants;

import dev.vigil.controls.model.AccessReview;
import dev.vigil.controls.model.Grant;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Grants and access reviews. "Active" means not revoked and not yet expired at {@code :now}. */
@RegisterRowMapper(GrantMapper.class)
@RegisterConstructorMapper(AccessReview.class)
public interface GrantDao {

  String COLUMNS = "tenant_id, id, agent_id, connection_id, scopes, justification, requested_by, "
      + "approved_by, granted_at, expires_at, revoked_at";
  String ACTIVE = " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now) ";

  @SqlUpdate("""
      INSERT INTO grants (tenant_id, id, agent_id, connection_id, scopes, justification,
        requested_by, approved_by, granted_at, expires_at)
      VALUES (:g.tenantId, :g.id, :g.agentId, :g.connectionId, :scopes, :g.justification,
        :g.requestedBy, :g.approvedBy, :g.grantedAt, :g.expiresAt)
      """)
  void insert(@BindMethods("g") Grant grant, @Bind("scopes") String scopesJson);

  @SqlQuery("SELECT " + COLUMNS + " FROM grants WHERE tenant_id = :tenantId AND id = :id")
  Optional<Grant> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " FROM grants WHERE tenant_id = :tenantId AND agent_id = :agentId"
      + ACTIVE + "AND id > :after ORDER BY id LIMIT :limit")
  List<Grant> active(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("now") Instant now, @Bind("after") String after, @Bind("limit") int limit);

  @SqlQuery("SELECT " + COLUMNS + " FROM grants WHERE tenant_id = :tenantId AND agent_id = :agentId "
      + "AND id > :after ORDER BY id LIMIT :limit")
  List<Grant> history(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("after") String after, @Bind("limit") int limit);

  /**
   * The condition of the tenant-wide list's {@code status} filter, as of {@code :now}: none when
   * {@code :status} is null, else {@code ACTIVE} (neither revoked nor expired), {@code EXPIRED}
   * (not revoked, expired) or {@code REVOKED}; the three split every grant.
   */
  String AND_STATUS = " AND (CAST(:status AS VARCHAR(10)) IS NULL"
      + " OR (:status = 'ACTIVE' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now))"
      + " OR (:status = 'EXPIRED' AND revoked_at IS NULL AND expires_at <= :now)"
      + " OR (:status = 'REVOKED' AND revoked_at IS NOT NULL)) ";
  String AND_CONNECTION = " AND (CAST(:connectionId AS VARCHAR(40)) IS NULL OR connection_id = :connectionId) ";

  /**
   * A page of the tenant's grants in id order, of any agent and connection, by the primary key;
   * {@code status} as {@link #AND_STATUS} reads it.
   */
  @SqlQuery("SELECT " + COLUMNS + " FROM grants WHERE tenant_id = :tenantId" + AND_STATUS
      + "AND id > :after ORDER BY id LIMIT :limit")
  List<Grant> page(@Bind("tenantId") String tenantId, @Bind("status") String status, @Bind("now") Instant now,
      @Bind("after") String after, @Bind("limit") int limit);

  /** As {@link #page}, of one agent (by its index), optionally on one connection. */
  @SqlQuery("SELECT " + COLUMNS + " FROM grants WHERE tenant_id = :tenantId AND agent_id = :agentId"
      + AND_CONNECTION + AND_STATUS + "AND id > :after ORDER BY id LIMIT :limit")
  List<Grant> pageOfAgent(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("connectionId") String connectionId, @Bind("status") String status, @Bind("now") Instant now,
      @Bind("after") String after, @Bind("limit") int limit);

  /** As {@link #page}, on one connection (by its index, {@code ix_grants_connection}). */
  @SqlQuery("SELECT " + COLUMNS + " FROM grants WHERE tenant_id = :tenantId AND connection_id = :connectionId"
      + AND_STATUS + "AND id > :after ORDER BY id LIMIT :limit")
  List<Grant> pageOnConnection(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId,
      @Bind("status") String status, @Bind("now") Instant now, @Bind("after") String after,
      @Bind("limit") int limit);

  /** How many active grants the connection has at {@code :now}, by {@code ix_grants_connection}. */
  @SqlQuery("SELECT COUNT(*) FROM grants WHERE tenant_id = :tenantId AND connection_id = :connectionId" + ACTIVE)
  long countActiveOnConnection(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId,
      @Bind("now") Instant now);

  /** The agent of each of the given grants that exists: one query for a page's grants. */
  @SqlQuery("SELECT id, agent_id FROM grants WHERE tenant_id = :tenantId AND id IN (<ids>)")
  @KeyColumn("id")
  @ValueColumn("agent_id")
  Map<String, String> agentsOf(@Bind("tenantId") String tenantId, @BindList("ids") Collection<String> ids);

  /** Every grant of the given agents, revoked and expired ones included: one query for a batch. */
  @SqlQuery("SELECT " + COLUMNS + " FROM grants WHERE tenant_id = :tenantId AND agent_id IN (<agentIds>)")
  List<Grant> ofAgents(@Bind("tenantId") String tenantId,
      @BindList("agentIds") Collection<String> agentIds);

  /** Every grant of the agent on the connection, revoked and expired ones included. */
  @SqlQuery("SELECT " + COLUMNS + " FROM grants WHERE tenant_id = :tenantId AND agent_id = :agentId "
      + "AND connection_id = :connectionId ORDER BY id")
  List<Grant> ofAgentOnConnection(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("connectionId") String connectionId);

  @SqlUpdate("""
      UPDATE grants SET revoked_at = :at
      WHERE tenant_id = :tenantId AND id = :id AND revoked_at IS NULL
      """)
  int revoke(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("at") Instant at);

  @SqlQuery("SELECT id FROM grants WHERE tenant_id = :tenantId AND agent_id = :agentId"
      + " AND revoked_at IS NULL ORDER BY id")
  List<String> unrevokedIds(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId);

  @SqlQuery("SELECT id FROM grants WHERE tenant_id = :tenantId AND connection_id = :connectionId"
      + ACTIVE + "ORDER BY id")
  List<String> activeIdsOnConnection(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId,
      @Bind("now") Instant now);

  @SqlUpdate("UPDATE grants SET revoked_at = :now WHERE tenant_id = :tenantId AND connection_id = :connectionId"
      + ACTIVE)
  int revokeActiveOnConnection(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId,
      @Bind("now") Instant now);

  @SqlUpdate("UPDATE grants SET revoked_at = :at "
      + "WHERE tenant_id = :tenantId AND agent_id = :agentId AND revoked_at IS NULL")
  int revokeAllOfAgent(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("at") Instant at);

  @SqlUpdate("""
      INSERT INTO access_reviews (tenant_id, id, agent_id, reviewer_id, decision, notes, reviewed_at)
      VALUES (:tenantId, :id, :agentId, :reviewerId, :decision, :notes, :reviewedAt)
      """)
  void insertReview(@BindMethods AccessReview review);

  @SqlQuery("""
      SELECT tenant_id, id, agent_id, reviewer_id, decision, notes, reviewed_at FROM access_reviews
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<AccessReview> reviews(@Bind("tenantId") String tenantId, @Bind("after") String after,
      @Bind("limit") int limit);
}
