package dev.vigil.app.health;

import com.codahale.metrics.health.HealthCheck;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.audit.SignedNote;

/**
 * The keys work: the master key encrypts and decrypts, and the checkpoint key signs a note
 * that verifies with the public key the API serves. Never reports key material.
 */
public final class KeysHealthCheck extends HealthCheck {

  private final MasterKey master;
  private final CheckpointSigner signer;

  public KeysHealthCheck(MasterKey master, CheckpointSigner signer) {
    this.master = master;
    this.signer = signer;
  }

  @Override
  protected Result check() {
    if (!master.selfTest()) return Result.unhealthy("the master key cannot round-trip a probe");
    String note = signer.signNote("vigil/health\n");
    if (!SignedNote.verify(note, Checkpoint.KEY_NAME, signer.publicKey())) {
      return Result.unhealthy("the checkpoint key's signature does not verify");
    }
    return Result.healthy("master key and checkpoint key " + signer.keyId() + " work");
  }
}
