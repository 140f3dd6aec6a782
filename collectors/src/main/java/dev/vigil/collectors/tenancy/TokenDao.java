package dev.vigil.collectors.tenancy;

import dev.vigil.controls.model.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** API tokens. The token itself is never stored, only its hash. */
@RegisterConstructorMapper(ApiToken.class)
public interface TokenDao {

  String COLUMNS = "tenant_id, id, name, role, agent_id, created_at, revoked_at";

  @SqlUpdate("""
      INSERT INTO api_tokens (tenant_id, id, name, role, agent_id, token_hash, created_at)
      VALUES (:t.tenantId, :t.id, :t.name, :t.role, :t.agentId, :hash, :t.createdAt)
      """)
  void insert(@BindMethods("t") ApiToken token, @Bind("hash") String tokenHash);

  /**
   * An unrevoked token by its hash (the one lookup that does not start from a tenant), with
   * its tenant's policy version read in the same statement, so from the same snapshot: the
   * token's revocation, if one comes, has a higher version.
   */
  @SqlQuery("SELECT t.tenant_id, t.id, t.name, t.role, t.agent_id, t.created_at, t.revoked_at, "
      + "COALESCE(h.policy_version, 0) AS policy_version "
      + "FROM api_tokens t LEFT JOIN audit_heads h ON h.tenant_id = t.tenant_id "
      + "WHERE t.token_hash = :hash AND t.revoked_at IS NULL")
  @RegisterConstructorMapper(TokenStore.Authenticated.class)
  Optional<TokenStore.Authenticated> findActiveWithVersion(@Bind("hash") String tokenHash);

  @SqlQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE tenant_id = :tenantId AND id = :id")
  Optional<ApiToken> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM api_tokens
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<ApiToken> list(@Bind("tenantId") String tenantId, @Bind("after") String after,
      @Bind("limit") int limit);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM api_tokens
      WHERE tenant_id = :tenantId AND agent_id = :agentId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<ApiToken> ofAgent(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("after") String after, @Bind("limit") int limit);

  @SqlUpdate("""
      UPDATE api_tokens SET revoked_at = :at
      WHERE tenant_id = :tenantId AND id = :id AND revoked_at IS NULL
      """)
  int revoke(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("at") Instant at);

  @SqlQuery("""
      SELECT COUNT(*) FROM api_tokens
      WHERE tenant_id = :tenantId AND role = 'ADMIN' AND revoked_at IS NULL
      """)
  long activeAdminCount(@Bind("tenantId") String tenantId);

  @SqlQuery("""
      SELECT id FROM api_tokens
      WHERE tenant_id = :tenantId AND agent_id = :agentId AND revoked_at IS NULL
      ORDER BY id
      """)
  List<String> activeIdsOfAgent(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId);

  @SqlUpdate("""
      UPDATE api_tokens SET revoked_at = :at
      WHERE tenant_id = :tenantId AND agent_id = :agentId AND revoked_at IS NULL
      """)
  int revokeAllOfAgent(@Bind("tenantId") String tenantId, @Bind("agentId") String agentId,
      @Bind("at") Instant at);
}
