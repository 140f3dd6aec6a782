package dev.vigil.collectors.audit;

import java.time.Instant;

/**
 * How far checkpoint signing is behind a tenant's chain.
 *
 * @param headSeq the chain's last entry (0 for an empty chain)
 * @param signedSize the size the latest checkpoint covers (0 when there is none)
 * @param oldestUnsignedAt when the first entry no checkpoint covers was appended; null when none waits
 */
public record Signing(String tenantId, long headSeq, long signedSize, Instant oldestUnsignedAt) {

  /** Entries no checkpoint covers yet. */
  public long unsignedEntries() {
    return Math.max(0, headSeq - signedSize);
  }
}
