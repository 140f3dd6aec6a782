package dev.vigil.collectors.crypto;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Every keyset the master key wraps, as the master key's rotation reads and rewrites them:
 * the tenant keysets (the rest of their SQL is in {@link KeysetDao}) and the signing keys.
 */
interface WrappedKeysetDao {

  @SqlQuery("SELECT tenant_id FROM tenant_keysets ORDER BY tenant_id")
  List<String> tenantIds();

  @SqlQuery("SELECT keyset FROM signing_keys WHERE id = :id")
  Optional<String> signingKey(@Bind("id") String id);

  /** The signing keyset, locked until the transaction ends. */
  @SqlQuery("SELECT keyset FROM signing_keys WHERE id = :id FOR UPDATE")
  Optional<String> lockSigningKey(@Bind("id") String id);

  @SqlUpdate("UPDATE signing_keys SET keyset = :keyset WHERE id = :id")
  void updateSigningKey(@Bind("id") String id, @Bind("keyset") String encryptedKeyset);
}
