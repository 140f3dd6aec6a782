package dev.vigil.collectors.tenancy;

import dev.vigil.controls.model.Tenant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The tenants table: the one table not scoped by a tenant id. */
@RegisterConstructorMapper(Tenant.class)
public interface TenantDao {

  @SqlUpdate("INSERT INTO tenants (id, name, created_at) VALUES (:id, :name, :createdAt)")
  void insert(@BindMethods Tenant tenant);

  @SqlQuery("SELECT id, name, created_at FROM tenants WHERE id = :id")
  Optional<Tenant> find(@Bind("id") String id);

  /** Locks the tenant row until the transaction ends, to serialise tenant-wide invariants. */
  @SqlQuery("SELECT id FROM tenants WHERE id = :id FOR UPDATE")
  Optional<String> lock(@Bind("id") String id);

  @SqlQuery("SELECT COUNT(*) FROM tenants")
  long count();
}
