package dev.vigil.app.api;

import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.controls.model.Role;
import java.time.Instant;

/** A newly issued token: the only response that ever carries {@code token}. */
public record TokenCreated(String id, String name, Role role, String agentId, Instant createdAt, String token) {

  public static TokenCreated of(TokenStore.Issued issued) {
    var t = issued.token();
    return new TokenCreated(t.id(), t.name(), t.role(), t.agentId(), t.createdAt(), issued.secret());
  }
}
