package dev.vigil.app.api;

import java.time.Instant;

/** The one response that carries a stored secret, to an agent a grant allows. */
public record LeaseResponse(String secret, Instant expiresAt, String grantId, String decisionId) {

  @Override
  public String toString() {
    return "LeaseResponse[expiresAt=" + expiresAt + ", grantId=" + grantId + "]";
  }
}
