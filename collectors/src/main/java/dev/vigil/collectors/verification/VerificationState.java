package dev.vigil.collectors.verification;

import dev.vigil.controls.audit.AuditChain;
import java.time.Instant;

/**
 * How far a tenant's chain has been verified: one row of {@code chain_verification}.
 *
 * @param verifiedSeq the watermark: every entry up to it has verified (0 before any)
 * @param verifiedHash the hash of entry {@code verifiedSeq} when it verified (genesis for 0)
 * @param passNextSeq the next entry the rolling pass re-verifies
 * @param passStartedAt when the current rolling pass began; null before its first slice
 * @param wholeSeq the last entry the last complete verification covered (0 before one)
 * @param wholeStartedAt when that verification began (null before one)
 * @param wholeFinishedAt when it finished (null before one)
 * @param version moves with every save; a save expects the version it read
 */
public record VerificationState(long verifiedSeq, String verifiedHash, long passNextSeq, Instant passStartedAt,
    long wholeSeq, Instant wholeStartedAt, Instant wholeFinishedAt, long version) {

  /** Nothing verified yet: what a tenant without a row has. */
  public static final VerificationState NONE =
      new VerificationState(0, AuditChain.GENESIS_HEX, 1, null, 0, null, null, 0);

  /** Whether {@code other} records the same progress as this, whatever the versions. */
  boolean sameProgress(VerificationState other) {
    return equals(new VerificationState(other.verifiedSeq, other.verifiedHash, other.passNextSeq, other.passStartedAt,
        other.wholeSeq, other.wholeStartedAt, other.wholeFinishedAt, version));
  }
}
