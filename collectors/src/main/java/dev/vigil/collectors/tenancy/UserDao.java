package dev.vigil.collectors.tenancy;

import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Dashboard users. The password hash is written here and read only to check a sign-in. */
@RegisterConstructorMapper(User.class)
public interface UserDao {

  String COLUMNS = "tenant_id, id, email, name, role, active, created_at, deactivated_at";

  @SqlUpdate("""
      INSERT INTO users (tenant_id, id, email, name, role, password_hash, active, created_at)
      VALUES (:u.tenantId, :u.id, :u.email, :u.name, :u.role, :hash, :u.active, :u.createdAt)
      """)
  void insert(@BindMethods("u") User user, @Bind("hash") String passwordHash);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenantId AND id = :id")
  Optional<User> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenantId AND email = :email")
  Optional<User> findByEmail(@Bind("tenantId") String tenantId, @Bind("email") String email);

  @SqlQuery("""
      SELECT t.id AS tenant_id, t.name, u.id AS user_id FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE u.email = :email AND u.active
      ORDER BY t.name, t.id
      LIMIT 100
      """)
  @RegisterConstructorMapper(UserStore.Workspace.class)
  List<UserStore.Workspace> workspaces(@Bind("email") String email);

  @SqlQuery("SELECT password_hash FROM users WHERE tenant_id = :tenantId AND id = :id")
  Optional<String> passwordHash(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM users
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<User> list(@Bind("tenantId") String tenantId, @Bind("after") String after,
      @Bind("limit") int limit);

  @SqlUpdate("""
      UPDATE users SET name = :name, role = :role, active = :active, deactivated_at = :deactivatedAt
      WHERE tenant_id = :tenantId AND id = :id
      """)
  void update(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("name") String name,
      @Bind("role") Role role, @Bind("active") boolean active,
      @Bind("deactivatedAt") Instant deactivatedAt);
}
