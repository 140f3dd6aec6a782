package dev.vigil.collectors.crypto;

import com.google.crypto.tink.KeysetHandle;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.controls.audit.Actor;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The database's part of rotating the master key: re-encrypting every keyset it wraps (each
 * tenant's keyset, the checkpoint signing key) under the master keyset's primary, and telling
 * which stored keysets a keyset cannot open. Each keyset is rewritten in a transaction of its
 * own with its row locked, so it runs beside servers that rotate tenant keys meanwhile; a
 * tenant's rewrap commits with an entry in that tenant's chain. Thread-safe.
 */
public final class MasterKeyRotation {

  /** The kind of the audit entry a tenant's rewrap appends. */
  public static final String REWRAPPED = "keys.master_rewrapped";

  /** What a rewrap did: stored keysets re-encrypted, and those already under the primary alone. */
  public record Rewrapped(long masterKeyId, int rewrapped, int unchanged) {}

  /** Stored keysets that a master keyset cannot open, named as {@link #unreadableUnder} names them. */
  public static final class Unreadable extends IllegalStateException {

    private final List<String> names;

    Unreadable(String under, List<String> names) {
      super(names.size() + " stored keyset(s) do not decrypt under " + under + ": " + list(names));
      this.names = List.copyOf(names);
    }

    public List<String> names() {
      return names;
    }

    /** The first names, comma-separated, for a one-line message however many there are. */
    public static String list(List<String> names) {
      int shown = Math.min(names.size(), 10);
      String head = String.join(", ", names.subList(0, shown));
      return shown == names.size() ? head : head + " and " + (names.size() - shown) + " more";
    }
  }

  private final Jdbi jdbi;
  private final MasterKey master;
  private final AuditAppender audit;
  private final Clock clock;

  /** @param master the keyset to rewrap under: its primary encrypts, any of its keys decrypts */
  public MasterKeyRotation(Jdbi jdbi, MasterKey master, AuditAppender audit, Clock clock) {
    this.jdbi = jdbi;
    this.master = master;
    this.audit = audit;
    this.clock = clock;
    MasterKey.register();
  }

  /**
   * The stored keysets that {@code key} cannot decrypt, as "tenant ID" or "signing key";
   * empty when it opens them all.
   */
  public List<String> unreadableUnder(MasterKey key) {
    return jdbi.withHandle(h -> {
      List<String> unreadable = new ArrayList<>();
      for (Wrapped w : stored(h)) {
        Optional<String> encrypted = w.read(h);
        if (encrypted.isPresent() && open(key, w, encrypted.get()).isEmpty()) unreadable.add(w.name());
      }
      return unreadable;
    });
  }

  /**
   * Re-encrypts every stored keyset that the primary alone does not open yet under the
   * primary; a second run finds nothing left to do and changes nothing.
   *
   * @throws Unreadable when the master keyset cannot open some stored keyset (a wrong key
   *     file, or one without the old keys): found by a check before the first change, so
   *     nothing has then been changed
   */
  public Rewrapped rewrap(Actor actor) {
    List<String> unreadable = unreadableUnder(master);
    if (!unreadable.isEmpty()) throw new Unreadable(wholeMasterKeyset(), unreadable);
    MasterKey primary = master.primaryOnly();
    long keyId = master.primaryKeyId();
    int rewrapped = 0;
    int unchanged = 0;
    for (Wrapped w : jdbi.withHandle(this::stored)) {
      boolean changed = jdbi.inTransaction(h -> rewrap(h, w, primary, keyId, actor));
      if (changed) rewrapped++; else unchanged++;
    }
    return new Rewrapped(keyId, rewrapped, unchanged);
  }

  /**
   * Writes a keyset holding only the master keyset's primary to {@code out}, a new file, once
   * that primary alone opens every stored keyset: the old keys are then needed only by backups
   * made before the rewrap.
   *
   * @throws Unreadable when some stored keyset still needs another key (rewrap has not run);
   *     nothing is written then
   * @throws java.nio.file.FileAlreadyExistsException when {@code out} exists; it is left as it was
   */
  public MasterKey prune(Path out) throws IOException {
    MasterKey pruned = master.primaryOnly();
    List<String> unreadable = unreadableUnder(pruned);
    if (!unreadable.isEmpty()) {
      throw new Unreadable("the master keyset's primary key " + master.primaryKeyId() + " alone", unreadable);
    }
    pruned.writeNew(out);
    return pruned;
  }

  private String wholeMasterKeyset() {
    return "the master keyset (keys "
        + master.keyIds().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
  }

  private boolean rewrap(Handle h, Wrapped w, MasterKey primary, long keyId, Actor actor) {
    Optional<String> encrypted = w.lock(h);
    if (encrypted.isEmpty() || open(primary, w, encrypted.get()).isPresent()) return false;
    // Checked above, but a row may have been rewritten since by a node on another key file.
    KeysetHandle keyset = open(master, w, encrypted.get())
        .orElseThrow(() -> new Unreadable(wholeMasterKeyset(), List.of(w.name())));
    try {
      w.write(h, master.encryptKeyset(keyset, w.purpose()), clock.instant());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt the " + w.name() + " keyset", e);
    }
    if (w instanceof TenantKeyset t) {
      audit.append(h, t.tenantId(), actor, REWRAPPED, t.tenantId(),
          AuditData.object().put("masterKeyId", Long.toString(keyId)));
    }
    return true;
  }

  private List<Wrapped> stored(Handle h) {
    WrappedKeysetDao dao = h.attach(WrappedKeysetDao.class);
    // No signing key yet until a server first starts.
    Stream<Wrapped> signing = dao.signingKey(CheckpointSigner.ID).isPresent()
        ? Stream.of(new SigningKey()) : Stream.empty();
    return Stream.concat(dao.tenantIds().stream().map(TenantKeyset::new), signing).toList();
  }

  private static Optional<KeysetHandle> open(MasterKey key, Wrapped w, String encrypted) {
    try {
      return Optional.of(key.decryptKeyset(encrypted, w.purpose()));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** One row that holds a keyset wrapped by the master key, with the purpose it is bound to. */
  private sealed interface Wrapped permits TenantKeyset, SigningKey {
    String name();

    String purpose();

    Optional<String> read(Handle h);

    Optional<String> lock(Handle h);

    void write(Handle h, String encrypted, Instant at);
  }

  private record TenantKeyset(String tenantId) implements Wrapped {
    public String name() {
      return "tenant " + tenantId;
    }

    public String purpose() {
      return TenantKeysets.purpose(tenantId);
    }

    public Optional<String> read(Handle h) {
      return h.attach(KeysetDao.class).find(tenantId);
    }

    public Optional<String> lock(Handle h) {
      return h.attach(KeysetDao.class).lock(tenantId);
    }

    public void write(Handle h, String encrypted, Instant at) {
      h.attach(KeysetDao.class).update(tenantId, encrypted, at);
    }
  }

  private record SigningKey() implements Wrapped {
    public String name() {
      return "signing key";
    }

    public String purpose() {
      return CheckpointSigner.PURPOSE;
    }

    public Optional<String> read(Handle h) {
      return h.attach(WrappedKeysetDao.class).signingKey(CheckpointSigner.ID);
    }

    public Optional<String> lock(Handle h) {
      return h.attach(WrappedKeysetDao.class).lockSigningKey(CheckpointSigner.ID);
    }

    public void write(Handle h, String encrypted, Instant at) {
      h.attach(WrappedKeysetDao.class).updateSigningKey(CheckpointSigner.ID, encrypted);
    }
  }
}
