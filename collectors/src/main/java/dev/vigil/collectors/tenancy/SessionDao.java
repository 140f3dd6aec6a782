package dev.vigil.collectors.tenancy;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Dashboard sessions. The session's secret is never stored, only its hash. */
@RegisterConstructorMapper(Session.class)
public interface SessionDao {

  String COLUMNS = "tenant_id, id, user_id, created_at, last_seen_at";

  @SqlUpdate("""
      INSERT INTO sessions (tenant_id, id, user_id, secret_hash, created_at, last_seen_at)
      VALUES (:s.tenantId, :s.id, :s.userId, :hash, :s.createdAt, :s.lastSeenAt)
      """)
  void insert(@BindMethods("s") Session session, @Bind("hash") String secretHash);

  /** A session by its secret's hash; like a token's, the one lookup that does not start from a tenant. */
  @SqlQuery("SELECT " + COLUMNS + " FROM sessions WHERE secret_hash = :hash")
  Optional<Session> findByHash(@Bind("hash") String secretHash);

  @SqlUpdate("UPDATE sessions SET last_seen_at = :at WHERE tenant_id = :tenantId AND id = :id")
  void touch(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("at") Instant at);

  @SqlUpdate("DELETE FROM sessions WHERE tenant_id = :tenantId AND id = :id")
  int delete(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlUpdate("DELETE FROM sessions WHERE tenant_id = :tenantId AND user_id = :userId")
  int deleteOfUser(@Bind("tenantId") String tenantId, @Bind("userId") String userId);

  /** Ends the user's sessions that have expired, idle since {@code idleBefore} or made before {@code madeBefore}. */
  @SqlUpdate("""
      DELETE FROM sessions
      WHERE tenant_id = :tenantId AND user_id = :userId
        AND (last_seen_at < :idleBefore OR created_at < :madeBefore)
      """)
  int deleteExpired(@Bind("tenantId") String tenantId, @Bind("userId") String userId,
      @Bind("idleBefore") Instant idleBefore, @Bind("madeBefore") Instant madeBefore);
}
