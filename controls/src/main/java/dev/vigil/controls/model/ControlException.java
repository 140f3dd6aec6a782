package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** An approved, time-boxed exception to one control for one subject (say AC-1 for a grant). */
public record ControlException(
    @JsonIgnore String tenantId,
    String id,
    String controlId,
    String subjectId,
    String reason,
    String approvedBy,
    Instant expiresAt,
    Instant createdAt) {

  /** Whether it still covers its subject at {@code now} (expiry is exclusive). */
  public boolean coversAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
