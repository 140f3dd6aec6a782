package dev.vigil.app.auth;

import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Role;
import java.security.Principal;

/**
 * Who is calling: the token's tenant, its id and role, and for role {@code agent} the one
 * agent it is bound to.
 */
public record Caller(String tenantId, String tokenId, Role role, String agentId) implements Principal {

  public static Caller of(ApiToken token) {
    return new Caller(token.tenantId(), token.id(), token.role(), token.agentId());
  }

  /** How this caller appears in the audit trail. */
  public Actor actor() {
    return new Actor("token", tokenId);
  }

  @Override
  public String getName() {
    return tokenId;
  }
}
