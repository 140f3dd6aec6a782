package dev.vigil.collectors.monitoring;

import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.audit.SignedNote;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which checkpoint notes have verified under one key, remembered by the SHA-256 of their text,
 * so that LG-1 checks each signature once instead of every checkpoint at every sweep (an
 * Ed25519 verification costs about a millisecond, and a tenant gains a checkpoint a minute).
 * Whether a note verifies depends only on its text and the key, so remembering loses nothing:
 * a row rewritten in the database has another text and is verified afresh, and a note that
 * failed is never remembered. Bounded: past {@code capacity} notes, the least recently checked
 * are forgotten and verified again when next seen. Thread-safe.
 */
final class VerifiedNotes {

  private final String keyName;
  private final byte[] publicKey;
  private final Map<String, Boolean> verified;

  VerifiedNotes(String keyName, byte[] publicKey, int capacity) {
    this.keyName = keyName;
    this.publicKey = publicKey.clone();
    this.verified = new LinkedHashMap<>(1_024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Whether {@code note} carries a valid signature by the key, as {@link SignedNote#verify} says. */
  boolean verify(String note) {
    String digest = Sha256.hex(note);
    synchronized (verified) {
      if (verified.get(digest) != null) return true;
    }
    if (!SignedNote.verify(note, keyName, publicKey)) return false;
    synchronized (verified) {
      verified.put(digest, Boolean.TRUE);
    }
    return true;
  }
}
