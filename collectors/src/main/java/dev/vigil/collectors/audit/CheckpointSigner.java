package dev.vigil.collectors.audit;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Constraints;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.SignedNote;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The Ed25519 key that signs checkpoints and export notes, through Tink with raw 64-byte
 * signatures so any Ed25519 library can check them. The private keyset is stored only
 * encrypted by the master key; the raw 32-byte public key is served as is. Thread-safe.
 */
public final class CheckpointSigner {

  /** The signing key's row in {@code signing_keys}. */
  public static final String ID = "checkpoints";
  /** The associated data under which the master key wraps the signing keyset. */
  public static final String PURPOSE = "vigil/signing-key/v1\0" + ID;

  private final PublicKeySign signer;
  private final byte[] publicKey;

  private CheckpointSigner(KeysetHandle keyset) throws GeneralSecurityException {
    this.signer = keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    this.publicKey = ((Ed25519PublicKey) keyset.getPublicKeysetHandle().getPrimary().getKey())
        .getPublicKeyBytes().toByteArray();
  }

  /** Loads the signing key, making it on first use (safe when several nodes start at once). */
  public static CheckpointSigner loadOrCreate(Jdbi jdbi, MasterKey master, Clock clock) {
    try {
      SignatureConfig.register();
      Optional<String> stored = find(jdbi);
      if (stored.isEmpty()) {
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519WithRawOutput);
        String encrypted = master.encryptKeyset(fresh, PURPOSE);
        String pub = Base64.getEncoder().encodeToString(new CheckpointSigner(fresh).publicKey);
        try {
          jdbi.useHandle(h -> h.createUpdate("""
                  INSERT INTO signing_keys (id, keyset, public_key, created_at)
                  VALUES (:id, :keyset, :pub, :at)
                  """)
              .bind("id", ID).bind("keyset", encrypted).bind("pub", pub).bind("at", clock.instant())
              .execute());
        } catch (RuntimeException e) {
          if (!Constraints.isUniqueViolation(e)) throw e;
        }
        stored = find(jdbi);
      }
      return new CheckpointSigner(master.decryptKeyset(stored.orElseThrow(), PURPOSE));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the checkpoint signing key does not decrypt under the master key", e);
    }
  }

  private static Optional<String> find(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT keyset FROM signing_keys WHERE id = :id")
        .bind("id", ID).mapTo(String.class).findOne());
  }

  /** A signed note with {@code body} and this key's signature line. */
  public String signNote(String body) {
    try {
      byte[] sig = signer.sign(body.getBytes(StandardCharsets.UTF_8));
      return SignedNote.format(body, Checkpoint.KEY_NAME, publicKey, sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a note", e);
    }
  }

  /** The raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The signed-note key id of this key, as hex. */
  public String keyId() {
    return HexFormat.of().formatHex(SignedNote.keyId(Checkpoint.KEY_NAME, publicKey));
  }
}
