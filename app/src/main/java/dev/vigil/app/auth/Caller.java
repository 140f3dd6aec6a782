package dev.vigil.app.auth;

import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Role;
import java.security.Principal;

/**
 * Who is calling: the token's tenant, its id and role, and for role {@code agent} the one
 * agent it is bound to. {@code policyVersion} is the tenant's policy version read with the
 * token: a decision the caller asks for is re-checked, the token too, if it moved before the
 * decision is committed (DecisionStore).
 */
public record Caller(String tenantId, String tokenId, Role role, String agentId, long policyVersion)
    implements Principal {

  public static Caller of(TokenStore.Authenticated authenticated) {
    ApiToken token = authenticated.token();
    return new Caller(token.tenantId(), token.id(), token.role(), token.agentId(), authenticated.policyVersion());
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
