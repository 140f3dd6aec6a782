package dev.vigil.collectors.connections;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeysetHandle;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.crypto.CredentialVault;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.grants.GrantDao;
import dev.vigil.collectors.vendors.VendorDao;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.catalog.Facts;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.StoredCredential;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Connections and their sealed credentials. Secrets go in through {@link #storeCredential}
 * and come out only through {@link #reveal}; audit entries about them carry the key id and a
 * fingerprint of the ciphertext, never the secret. Thread-safe.
 */
public final class ConnectionStore {

  /** A connection with what is known of its credential ({@code null} when none is stored). */
  public record View(Connection connection, StoredCredential credential) {}

  private static final Set<String> SCHEMES = Set.of("https", "http", "wss", "ws");

  private final Jdbi jdbi;
  private final AuditAppender audit;
  private final TenantKeysets keysets;
  private final CredentialVault vault;
  private final Ids ids;
  private final Clock clock;

  public ConnectionStore(Jdbi jdbi, AuditAppender audit, TenantKeysets keysets, CredentialVault vault,
      Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.keysets = keysets;
    this.vault = vault;
    this.ids = ids;
    this.clock = clock;
  }

  /** Fields to change; a null field is left as it is. */
  public record Change(String name, String vendorId, String endpoint) {}

  public Connection create(String tenantId, Actor actor, String name, String app, String vendorId,
      String endpoint) {
    checkEndpoint(endpoint);
    return jdbi.inTransaction(h -> {
      requireVendor(h, tenantId, vendorId);
      Connection c = new Connection(tenantId, ids.next("con"), name.strip(), app.strip(), vendorId,
          endpoint.strip(), clock.instant(), null);
      h.attach(ConnectionDao.class).insert(c);
      audit.appendChange(h, tenantId, actor, "connection.created", c.id(), AuditData.object()
          .put("name", c.name()).put("app", c.app()).put("vendorId", vendorId)
          .put("endpoint", c.endpoint()));
      return c;
    });
  }

  public Optional<View> find(String tenantId, String id) {
    return jdbi.withHandle(h -> {
      ConnectionDao dao = h.attach(ConnectionDao.class);
      return dao.find(tenantId, id).map(c -> new View(c,
          dao.credentials(tenantId, List.of(id)).stream().findFirst().orElse(null)));
    });
  }

  public Page<View> list(String tenantId, String after, int limit) {
    return jdbi.withHandle(h -> {
      ConnectionDao dao = h.attach(ConnectionDao.class);
      return views(dao, tenantId, dao.list(tenantId, after, limit + 1), limit);
    });
  }

  /** A page of the vendor's connections, retired ones included, in id order after {@code after} ("" first). */
  public Page<View> ofVendor(String tenantId, String vendorId, String after, int limit) {
    return jdbi.withHandle(h -> {
      ConnectionDao dao = h.attach(ConnectionDao.class);
      return views(dao, tenantId, dao.ofVendor(tenantId, vendorId, after, limit + 1), limit);
    });
  }

  /** The page of {@code rows} (up to {@code limit + 1}), each with its credential's metadata: one query for all. */
  private static Page<View> views(ConnectionDao dao, String tenantId, List<Connection> rows, int limit) {
    Map<String, StoredCredential> creds = dao.credentials(tenantId,
            rows.stream().map(Connection::id).toList()).stream()
        .collect(Collectors.toMap(StoredCredential::connectionId, Function.identity()));
    List<View> views = rows.stream().map(c -> new View(c, creds.get(c.id()))).toList();
    return Page.of(views, limit, v -> v.connection().id());
  }

  /**
   * Changes the connection's name, vendor or endpoint, checked as on creation; audited with the
   * old and new value of each field that changed. Changing nothing is not audited.
   *
   * @throws Rejected 409 when the connection is retired
   */
  public View update(String tenantId, Actor actor, String id, Change change) {
    if (change.endpoint() != null) checkEndpoint(change.endpoint());
    return jdbi.inTransaction(h -> {
      ConnectionDao dao = h.attach(ConnectionDao.class);
      Connection before = inUse(dao, tenantId, id);
      if (change.vendorId() != null) requireVendor(h, tenantId, change.vendorId());
      Connection after = new Connection(tenantId, id, orElse(strip(change.name()), before.name()), before.app(),
          orElse(change.vendorId(), before.vendorId()), orElse(strip(change.endpoint()), before.endpoint()),
          before.createdAt(), null);
      var data = AuditData.object();
      fromTo(data, "name", before.name(), after.name());
      fromTo(data, "vendorId", before.vendorId(), after.vendorId());
      fromTo(data, "endpoint", before.endpoint(), after.endpoint());
      if (!data.isEmpty()) {
        dao.update(after);
        audit.append(h, tenantId, actor, "connection.updated", id, data);
      }
      return new View(after, dao.credentials(tenantId, List.of(id)).stream().findFirst().orElse(null));
    });
  }

  /**
   * Retires the connection for good, in one transaction: its sealed credential row is deleted,
   * every active grant on it revoked, and {@code retiredAt} set; one {@code connection.retired}
   * entry lists the revoked grants and whether a credential was destroyed.
   *
   * @throws Rejected 409 when it is already retired
   */
  public View retire(String tenantId, Actor actor, String id) {
    return jdbi.inTransaction(h -> {
      ConnectionDao dao = h.attach(ConnectionDao.class);
      Connection before = inUse(dao, tenantId, id);
      Instant now = clock.instant();
      Optional<ConnectionDao.Sealed> sealed = dao.sealed(tenantId, id);
      dao.deleteCredential(tenantId, id);
      GrantDao grants = h.attach(GrantDao.class);
      List<String> revoked = grants.activeIdsOnConnection(tenantId, id, now);
      grants.revokeActiveOnConnection(tenantId, id, now);
      dao.retire(tenantId, id, now);
      var data = AuditData.object().put("retiredAt", now.toString())
          .put("credentialDestroyed", sealed.isPresent());
      sealed.ifPresent(x -> data.put("keyId", Long.toString(x.keyId()))
          .put("ciphertextSha256", Sha256.hex(x.ciphertext())));
      ArrayNode list = data.putArray("revokedGrants");
      revoked.forEach(list::add);
      audit.appendChange(h, tenantId, actor, "connection.retired", id, data);
      return new View(new Connection(tenantId, id, before.name(), before.app(), before.vendorId(), before.endpoint(),
          before.createdAt(), now), null);
    });
  }

  /**
   * Deletes the connection's stored credential; audited with the key id and the fingerprint of
   * the ciphertext that was destroyed.
   *
   * @throws Rejected 404 when the connection has none
   */
  public void deleteCredential(String tenantId, Actor actor, String connectionId) {
    jdbi.useTransaction(h -> {
      ConnectionDao dao = h.attach(ConnectionDao.class);
      dao.lock(tenantId, connectionId).orElseThrow(() -> Rejected.notFound("connection", connectionId));
      ConnectionDao.Sealed sealed = dao.sealed(tenantId, connectionId)
          .orElseThrow(() -> Rejected.notFound("credential of connection", connectionId));
      dao.deleteCredential(tenantId, connectionId);
      audit.appendChange(h, tenantId, actor, "credential.deleted", connectionId, AuditData.object()
          .put("keyId", Long.toString(sealed.keyId())).put("ciphertextSha256", Sha256.hex(sealed.ciphertext())));
    });
  }

  /**
   * The connection, locked for the rest of the transaction.
   *
   * @throws Rejected 404 when the tenant has none with this id, 409 when it is retired
   */
  public static Connection inUse(ConnectionDao dao, String tenantId, String id) {
    Connection c = dao.lock(tenantId, id).orElseThrow(() -> Rejected.notFound("connection", id));
    if (c.retired()) throw Rejected.conflict("connection " + id + " was retired " + c.retiredAt() + "; retirement is final");
    return c;
  }

  /** Seals {@code secret} under the tenant's primary key, replacing any earlier credential. */
  public StoredCredential storeCredential(String tenantId, Actor actor, String connectionId, String secret) {
    if (jdbi.withExtension(ConnectionDao.class, dao -> dao.find(tenantId, connectionId)).isEmpty()) {
      throw Rejected.notFound("connection", connectionId);
    }
    keysets.ensure(tenantId, actor);
    return jdbi.inTransaction(h -> {
      ConnectionDao dao = h.attach(ConnectionDao.class);
      inUse(dao, tenantId, connectionId);
      KeysetHandle keyset = keysets.load(h, tenantId);
      CredentialVault.Sealed sealed = vault.seal(keyset, tenantId, connectionId,
          CredentialVault.CONNECTION_SECRET, secret);
      Instant now = clock.instant();
      boolean replaced = dao.updateCredential(tenantId, connectionId, sealed.keyId(), sealed.ciphertext(), now) > 0;
      if (!replaced) dao.insertCredential(tenantId, connectionId, sealed.keyId(), sealed.ciphertext(), now);
      audit.append(h, tenantId, actor, "credential.stored", connectionId, AuditData.object()
          .put("keyId", Long.toString(sealed.keyId()))
          .put("ciphertextSha256", Sha256.hex(sealed.ciphertext()))
          .put("replaced", replaced));
      return new StoredCredential(tenantId, connectionId, Long.toString(sealed.keyId()), now);
    });
  }

  /**
   * The cleartext credential of a connection, inside the caller's transaction: for leasing it
   * to an allowed agent only. Empty when none is stored.
   *
   * @throws GeneralSecurityException when it does not open under its tenant's keyset
   */
  public Optional<Revealed> reveal(Handle h, String tenantId, String connectionId)
      throws GeneralSecurityException {
    Optional<ConnectionDao.Sealed> sealed = h.attach(ConnectionDao.class).sealed(tenantId, connectionId);
    if (sealed.isEmpty()) return Optional.empty();
    String secret = vault.open(keysets.load(h, tenantId), tenantId, connectionId,
        CredentialVault.CONNECTION_SECRET, sealed.get().ciphertext());
    return Optional.of(new Revealed(secret, Long.toString(sealed.get().keyId())));
  }

  /**
   * Opens every stored credential of the tenant with its own keyset and bound associated data
   * (control EN-1), and checks that each is a Tink ciphertext under the key its row names. The
   * secrets are dropped at once; the checks say only whether and why not.
   */
  public List<Facts.CredentialCheck> checkCredentials(Handle h, String tenantId) {
    List<ConnectionDao.Sealed> sealed = h.attach(ConnectionDao.class).allSealed(tenantId);
    if (sealed.isEmpty()) return List.of();
    KeysetHandle keyset;
    try {
      keyset = keysets.load(h, tenantId);
    } catch (RuntimeException e) {
      return sealed.stream().map(s -> new Facts.CredentialCheck(s.connectionId(), Long.toString(s.keyId()), false,
          "the tenant's keyset cannot be loaded")).toList();
    }
    List<Facts.CredentialCheck> checks = new ArrayList<>(sealed.size());
    for (ConnectionDao.Sealed s : sealed) {
      String keyId = Long.toString(s.keyId());
      String problem = null;
      try {
        if (CredentialVault.keyIdOf(s.ciphertext()) != s.keyId()) {
          problem = "the ciphertext names key " + CredentialVault.keyIdOf(s.ciphertext()) + ", the row key " + keyId;
        } else {
          vault.open(keyset, tenantId, s.connectionId(), CredentialVault.CONNECTION_SECRET, s.ciphertext());
        }
      } catch (IllegalArgumentException e) {
        problem = "the stored value is not a Tink ciphertext (stored in clear or corrupted)";
      } catch (GeneralSecurityException e) {
        problem = "it does not decrypt under the tenant's keyset with its bound associated data";
      }
      checks.add(new Facts.CredentialCheck(s.connectionId(), keyId, problem == null, problem));
    }
    return checks;
  }

  /** A revealed secret and the id of the key it was sealed under. */
  public record Revealed(String secret, String keyId) {
    @Override
    public String toString() {
      return "Revealed[keyId=" + keyId + "]";
    }
  }

  /**
   * Moves every credential of the tenant to the primary key, then retires the other keys.
   * A credential that does not open stops the pass before anything changes (409).
   *
   * @return how many credentials were re-encrypted
   */
  public int reencrypt(String tenantId, Actor actor) {
    keysets.ensure(tenantId, actor);
    return jdbi.inTransaction(h -> {
      KeysetHandle keyset = keysets.lock(h, tenantId);
      long primary = Integer.toUnsignedLong(keyset.getPrimary().getId());
      ConnectionDao dao = h.attach(ConnectionDao.class);
      List<ConnectionDao.Sealed> stale = dao.sealedNotUnder(tenantId, primary);
      for (ConnectionDao.Sealed s : stale) {
        String secret;
        try {
          secret = vault.open(keyset, tenantId, s.connectionId(), CredentialVault.CONNECTION_SECRET, s.ciphertext());
        } catch (GeneralSecurityException e) {
          throw Rejected.conflict("the credential of connection " + s.connectionId()
              + " does not decrypt; store it again before re-encrypting");
        }
        CredentialVault.Sealed fresh = vault.seal(keyset, tenantId, s.connectionId(),
            CredentialVault.CONNECTION_SECRET, secret);
        dao.reseal(tenantId, s.connectionId(), fresh.keyId(), fresh.ciphertext());
      }
      List<Long> retired = keysets.retireAllButPrimaryIn(h, tenantId, keyset);
      var data = AuditData.object().put("keyId", Long.toString(primary)).put("reencrypted", stale.size());
      var retiredIds = data.putArray("retiredKeyIds");
      retired.forEach(id -> retiredIds.add(Long.toString(id)));
      audit.append(h, tenantId, actor, "credentials.reencrypted", tenantId, data);
      return stale.size();
    });
  }

  private static void requireVendor(Handle h, String tenantId, String vendorId) {
    if (h.attach(VendorDao.class).find(tenantId, vendorId).isEmpty()) {
      throw Rejected.invalid("vendorId: no vendor " + vendorId + " in this tenant");
    }
  }

  private static void fromTo(ObjectNode data, String field, String before, String after) {
    if (!before.equals(after)) data.putObject(field).put("from", before).put("to", after);
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }

  private static void checkEndpoint(String endpoint) {
    try {
      URI uri = new URI(endpoint.strip());
      if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          || uri.getHost() == null) {
        throw Rejected.invalid("endpoint: must be an absolute https, http, wss or ws URL with a host");
      }
      if (uri.getRawUserInfo() != null) {
        // It would be stored, listed and audited in clear: credentials go to PUT /credential.
        throw Rejected.invalid("endpoint: must not carry credentials; store them with PUT /connections/{id}/credential");
      }
    } catch (URISyntaxException e) {
      throw Rejected.invalid("endpoint: not a URL (" + e.getReason() + ")");
    }
  }

}
