package dev.vigil.collectors.crypto;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.db.Constraints;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.TenantKey;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One Tink AES256-GCM keyset per tenant, made on first use and stored only encrypted by the
 * master key (associated data: the tenant id, so a keyset row copied to another tenant does
 * not decrypt). Rotation adds a new primary; old keys keep decrypting until re-encryption
 * retires them. Thread-safe.
 */
public final class TenantKeysets {

  private final Jdbi jdbi;
  private final MasterKey master;
  private final AuditAppender audit;
  private final Clock clock;

  public TenantKeysets(Jdbi jdbi, MasterKey master, AuditAppender audit, Clock clock) {
    this.jdbi = jdbi;
    this.master = master;
    this.audit = audit;
    this.clock = clock;
    MasterKey.register();
  }

  /**
   * Makes the tenant's keyset if it has none, in a transaction of its own so that two first
   * uses at once cannot both make one: the loser of the race simply finds the winner's.
   */
  public void ensure(String tenantId, Actor actor) {
    if (jdbi.withExtension(KeysetDao.class, dao -> dao.find(tenantId)).isPresent()) return;
    try {
      jdbi.useTransaction(h -> {
        KeysetHandle keyset = build(KeysetHandle.newBuilder().addEntry(newPrimary()));
        Instant now = clock.instant();
        KeysetDao dao = h.attach(KeysetDao.class);
        dao.insert(tenantId, encrypt(tenantId, keyset), now);
        long keyId = Integer.toUnsignedLong(keyset.getPrimary().getId());
        dao.insertPrimaryKey(tenantId, keyId, now);
        audit.append(h, tenantId, actor, "keys.created", tenantId,
            AuditData.object().put("keyId", Long.toString(keyId)).put("algorithm", "AES256_GCM"));
      });
    } catch (RuntimeException e) {
      if (!Constraints.isUniqueViolation(e)) throw e;
    }
  }

  /** The tenant's keyset, decrypted for use within {@code h}'s transaction. */
  public KeysetHandle load(Handle h, String tenantId) {
    return decrypt(tenantId, h.attach(KeysetDao.class).find(tenantId)
        .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no keyset")));
  }

  /** Like {@link #load}, and holds the keyset row locked until the transaction ends. */
  public KeysetHandle lock(Handle h, String tenantId) {
    return decrypt(tenantId, h.attach(KeysetDao.class).lock(tenantId)
        .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no keyset")));
  }

  /** Adds a new primary key to the tenant's keyset and audits it; returns its metadata. */
  public TenantKey rotate(String tenantId, Actor actor) {
    ensure(tenantId, actor);
    return jdbi.inTransaction(h -> {
      KeysetHandle before = lock(h, tenantId);
      KeysetHandle after = build(KeysetHandle.newBuilder(before).addEntry(newPrimary()));
      Instant now = clock.instant();
      long keyId = Integer.toUnsignedLong(after.getPrimary().getId());
      KeysetDao dao = h.attach(KeysetDao.class);
      dao.update(tenantId, encrypt(tenantId, after), now);
      dao.demotePrimary(tenantId);
      dao.insertPrimaryKey(tenantId, keyId, now);
      audit.append(h, tenantId, actor, "keys.rotated", tenantId, AuditData.object()
          .put("keyId", Long.toString(keyId))
          .put("previousKeyId", Long.toString(Integer.toUnsignedLong(before.getPrimary().getId()))));
      return new TenantKey(tenantId, Long.toString(keyId), now, true, null);
    });
  }

  /** Key metadata, oldest first: ids, creation times, which is primary, which are retired. */
  public List<TenantKey> keys(String tenantId) {
    return jdbi.withExtension(KeysetDao.class, dao -> dao.keys(tenantId));
  }

  /**
   * Replaces the tenant's keyset by one in which every key but the primary is disabled, within
   * {@code h}'s transaction; call it once no ciphertext uses those keys any more.
   */
  public List<Long> retireAllButPrimaryIn(Handle h, String tenantId, KeysetHandle keyset) {
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
      List<Long> retired = new ArrayList<>();
      for (int i = 0; i < builder.size(); i++) {
        KeysetHandle.Builder.Entry entry = builder.getAt(i);
        if (!entry.isPrimary() && entry.getStatus() == KeyStatus.ENABLED) {
          entry.setStatus(KeyStatus.DISABLED);
          retired.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
        }
      }
      Instant now = clock.instant();
      KeysetDao dao = h.attach(KeysetDao.class);
      dao.update(tenantId, encrypt(tenantId, builder.build()), now);
      dao.retireNonPrimary(tenantId, now);
      return retired;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot retire keys of tenant " + tenantId, e);
    }
  }

  private static KeysetHandle.Builder.Entry newPrimary() {
    return KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
        .withRandomId().makePrimary();
  }

  private static KeysetHandle build(KeysetHandle.Builder builder) {
    try {
      return builder.build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a keyset", e);
    }
  }

  private String encrypt(String tenantId, KeysetHandle keyset) {
    try {
      return master.encryptKeyset(keyset, purpose(tenantId));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt the keyset of tenant " + tenantId, e);
    }
  }

  private KeysetHandle decrypt(String tenantId, String encrypted) {
    try {
      return master.decryptKeyset(encrypted, purpose(tenantId));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the keyset of tenant " + tenantId
          + " does not decrypt under the master key (wrong master key, or a copied row)", e);
    }
  }

  /** The associated data under which the master key wraps the tenant's keyset. */
  static String purpose(String tenantId) {
    return "vigil/tenant-keyset/v1\0" + tenantId;
  }
}
