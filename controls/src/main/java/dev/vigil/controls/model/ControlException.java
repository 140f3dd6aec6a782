package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * An approved, time-boxed exception to one control for one subject (say AC-1 for a grant).
 * {@code revokedAt} and {@code revokedBy} are null unless it was ended before it lapsed.
 */
public record ControlException(
    @JsonIgnore String tenantId,
    String id,
    String controlId,
    String subjectId,
    String reason,
    String approvedBy,
    Instant expiresAt,
    Instant createdAt,
    Instant revokedAt,
    String revokedBy) {

  /** When it stops covering its subject (exclusive): its expiry, or its revocation when that came first. */
  @JsonIgnore
  public Instant endsAt() {
    return revokedEarly() ? revokedAt : expiresAt;
  }

  /** Whether a person ended it before it lapsed: then it ended at {@code revokedAt}, not {@code expiresAt}. */
  @JsonIgnore
  public boolean revokedEarly() {
    return revokedAt != null && revokedAt.isBefore(expiresAt);
  }

  /** Whether it still covers its subject at {@code now}. */
  public boolean coversAt(Instant now) {
    return now.isBefore(endsAt());
  }
}
