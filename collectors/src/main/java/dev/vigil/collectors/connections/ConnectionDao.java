package dev.vigil.collectors.connections;

import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.StoredCredential;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Connections and the sealed credentials that belong to them. */
@RegisterConstructorMapper(Connection.class)
@RegisterConstructorMapper(StoredCredential.class)
public interface ConnectionDao {

  String COLUMNS = "tenant_id, id, name, app, vendor_id, endpoint, created_at, retired_at";
  String CREDENTIAL_COLUMNS =
      "tenant_id, connection_id, CAST(key_id AS VARCHAR(20)) AS key_id, stored_at";

  /** A sealed credential row, ciphertext included: for the vault only. */
  record Sealed(String connectionId, long keyId, String ciphertext) {}

  @SqlUpdate("""
      INSERT INTO connections (tenant_id, id, name, app, vendor_id, endpoint, created_at)
      VALUES (:tenantId, :id, :name, :app, :vendorId, :endpoint, :createdAt)
      """)
  void insert(@BindMethods Connection connection);

  @SqlQuery("SELECT " + COLUMNS + " FROM connections WHERE tenant_id = :tenantId AND id = :id")
  Optional<Connection> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

  /** The connection, locked until the transaction ends, so changes to it apply one at a time. */
  @SqlQuery("SELECT " + COLUMNS + " FROM connections WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<Connection> lock(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlUpdate("""
      UPDATE connections SET name = :name, vendor_id = :vendorId, endpoint = :endpoint
      WHERE tenant_id = :tenantId AND id = :id
      """)
  void update(@BindMethods Connection connection);

  @SqlUpdate("UPDATE connections SET retired_at = :at WHERE tenant_id = :tenantId AND id = :id AND retired_at IS NULL")
  int retire(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("at") Instant at);

  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM connections
      WHERE tenant_id = :tenantId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<Connection> list(@Bind("tenantId") String tenantId, @Bind("after") String after, @Bind("limit") int limit);

  /** As {@link #list}, of one vendor (retired connections included), by {@code ix_connections_vendor}. */
  @SqlQuery("SELECT " + COLUMNS + " " + """
      FROM connections
      WHERE tenant_id = :tenantId AND vendor_id = :vendorId AND id > :after
      ORDER BY id
      LIMIT :limit
      """)
  List<Connection> ofVendor(@Bind("tenantId") String tenantId, @Bind("vendorId") String vendorId,
      @Bind("after") String after, @Bind("limit") int limit);

  @SqlQuery("SELECT " + CREDENTIAL_COLUMNS + " FROM credentials "
      + "WHERE tenant_id = :tenantId AND connection_id IN (<ids>)")
  List<StoredCredential> credentials(@Bind("tenantId") String tenantId,
      @BindList(value = "ids", onEmpty = BindList.EmptyHandling.NULL_STRING) Collection<String> connectionIds);

  @SqlQuery("""
      SELECT connection_id, key_id, ciphertext FROM credentials
      WHERE tenant_id = :tenantId AND connection_id = :connectionId
      """)
  @RegisterConstructorMapper(Sealed.class)
  Optional<Sealed> sealed(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId);

  @SqlQuery("""
      SELECT connection_id, key_id, ciphertext FROM credentials
      WHERE tenant_id = :tenantId ORDER BY connection_id
      """)
  @RegisterConstructorMapper(Sealed.class)
  List<Sealed> allSealed(@Bind("tenantId") String tenantId);

  @SqlQuery("""
      SELECT connection_id, key_id, ciphertext FROM credentials
      WHERE tenant_id = :tenantId AND key_id <> :keyId
      ORDER BY connection_id
      FOR UPDATE
      """)
  @RegisterConstructorMapper(Sealed.class)
  List<Sealed> sealedNotUnder(@Bind("tenantId") String tenantId, @Bind("keyId") long keyId);

  @SqlUpdate("""
      UPDATE credentials SET key_id = :keyId, ciphertext = :ciphertext, stored_at = :at
      WHERE tenant_id = :tenantId AND connection_id = :connectionId
      """)
  int updateCredential(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId,
      @Bind("keyId") long keyId, @Bind("ciphertext") String ciphertext, @Bind("at") Instant at);

  @SqlUpdate("""
      INSERT INTO credentials (tenant_id, connection_id, key_id, ciphertext, stored_at)
      VALUES (:tenantId, :connectionId, :keyId, :ciphertext, :at)
      """)
  void insertCredential(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId,
      @Bind("keyId") long keyId, @Bind("ciphertext") String ciphertext, @Bind("at") Instant at);

  /** Deletes the sealed row: the ciphertext is gone with it. */
  @SqlUpdate("DELETE FROM credentials WHERE tenant_id = :tenantId AND connection_id = :connectionId")
  int deleteCredential(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId);

  @SqlUpdate("UPDATE credentials SET key_id = :keyId, ciphertext = :ciphertext "
      + "WHERE tenant_id = :tenantId AND connection_id = :connectionId")
  int reseal(@Bind("tenantId") String tenantId, @Bind("connectionId") String connectionId,
      @Bind("keyId") long keyId, @Bind("ciphertext") String ciphertext);
}
