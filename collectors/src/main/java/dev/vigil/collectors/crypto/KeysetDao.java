package dev.vigil.collectors.crypto;

import dev.vigil.controls.model.TenantKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Encrypted tenant keysets and their key metadata. */
@RegisterConstructorMapper(TenantKey.class)
public interface KeysetDao {

  @SqlUpdate("INSERT INTO tenant_keysets (tenant_id, keyset, updated_at) VALUES (:tenantId, :keyset, :at)")
  void insert(@Bind("tenantId") String tenantId, @Bind("keyset") String encryptedKeyset, @Bind("at") Instant at);

  @SqlQuery("SELECT keyset FROM tenant_keysets WHERE tenant_id = :tenantId")
  Optional<String> find(@Bind("tenantId") String tenantId);

  /** The keyset, locked until the transaction ends, so rotations apply one at a time. */
  @SqlQuery("SELECT keyset FROM tenant_keysets WHERE tenant_id = :tenantId FOR UPDATE")
  Optional<String> lock(@Bind("tenantId") String tenantId);

  @SqlUpdate("UPDATE tenant_keysets SET keyset = :keyset, updated_at = :at WHERE tenant_id = :tenantId")
  void update(@Bind("tenantId") String tenantId, @Bind("keyset") String encryptedKeyset, @Bind("at") Instant at);

  @SqlUpdate("""
      INSERT INTO tenant_keys (tenant_id, key_id, created_at, is_primary)
      VALUES (:tenantId, :keyId, :at, TRUE)
      """)
  void insertPrimaryKey(@Bind("tenantId") String tenantId, @Bind("keyId") long keyId, @Bind("at") Instant at);

  @SqlUpdate("UPDATE tenant_keys SET is_primary = FALSE WHERE tenant_id = :tenantId AND is_primary")
  void demotePrimary(@Bind("tenantId") String tenantId);

  @SqlUpdate("""
      UPDATE tenant_keys SET retired_at = :at
      WHERE tenant_id = :tenantId AND NOT is_primary AND retired_at IS NULL
      """)
  int retireNonPrimary(@Bind("tenantId") String tenantId, @Bind("at") Instant at);

  @SqlQuery("""
      SELECT tenant_id, CAST(key_id AS VARCHAR(20)) AS key_id, created_at, is_primary AS "primary", retired_at
      FROM tenant_keys WHERE tenant_id = :tenantId ORDER BY created_at, key_id
      """)
  List<TenantKey> keys(@Bind("tenantId") String tenantId);
}
