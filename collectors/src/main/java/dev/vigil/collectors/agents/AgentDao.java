package dev.vigil.collectors.agents;

import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The agents table. */
@RegisterConstructorMapper(Agent.class)
public interface AgentDao {

  String COLUMNS = "tenant_id, id, name, owner_id, description, status, created_at, status_changed_at";

  @SqlUpdate("""
      INSERT INTO agents (tenant_id, id, name, owner_id, description, status, created_at, status_changed_at)
      VALUES (:tenantId, :id, :name, :ownerId, :description, :status, :createdAt, :statusChangedAt)
      """)
  void insert(@BindMethods Agent agent);

  @SqlQuery("SELECT " + COLUMNS + " FROM agents WHERE tenant_id = :tenantId AND id = :id")
  Optional<Agent> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  /** The agent, locked until the transaction ends, so status changes apply one at a time. */
  @SqlQuery("SELECT " + COLUMNS + " FROM agents WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<Agent> lock(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM agents
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<Agent> list(@Bind("tenantId") String tenantId, @Bind("after") String after,
      @Bind("limit") int limit);

  @SqlUpdate("UPDATE agents SET owner_id = :ownerId WHERE tenant_id = :tenantId AND id = :id")
  void setOwner(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("ownerId") String ownerId);

  @SqlUpdate("""
      UPDATE agents SET status = :status, status_changed_at = :at
      WHERE tenant_id = :tenantId AND id = :id
      """)
  void setStatus(@Bind("tenantId") String tenantId, @Bind("id") String id,
      @Bind("status") AgentStatus status, @Bind("at") Instant at);
}
