package dev.vigil.controls.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * What is known about an API token, never the token itself (only its hash is stored).
 * {@code agentId} is set for role {@code agent} only.
 */
public record ApiToken(
    @JsonIgnore String tenantId,
    String id,
    String name,
    Role role,
    String agentId,
    Instant createdAt,
    Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
