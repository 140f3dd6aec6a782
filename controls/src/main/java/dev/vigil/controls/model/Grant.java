package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/** Scopes an agent may use on one connection, with who asked, who approved and why. */
public record Grant(
    @JsonIgnore String tenantId,
    String id,
    String agentId,
    String connectionId,
    List<String> scopes,
    String justification,
    String requestedBy,
    String approvedBy,
    Instant grantedAt,
    Instant expiresAt,
    Instant revokedAt) {

  public Grant {
    scopes = List.copyOf(scopes);
  }

  /** Active at {@code now}: not revoked and not expired (expiry is exclusive). */
  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /**
   * Whether the grant was in force at {@code t}, judged with today's knowledge: already
   * granted, not yet revoked, not yet expired. Reported actions are judged at their moment.
   */
  public boolean inForceAt(Instant t) {
    return !t.isBefore(grantedAt) && (revokedAt == null || t.isBefore(revokedAt))
        && (expiresAt == null || t.isBefore(expiresAt));
  }
}
