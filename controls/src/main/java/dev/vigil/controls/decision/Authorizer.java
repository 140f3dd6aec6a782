package dev.vigil.controls.decision;

import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Scopes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides from the agent, whether the connection exists, and the agent's grants on it (active
 * or not), at an instant. The first reason that applies wins: unknown agent, agent not
 * active, unknown connection, no grant, grants revoked or expired, no scope matches. Among
 * allowing grants the oldest is named, so repeated decisions cite a stable grant. Stateless.
 */
public final class Authorizer {

  private Authorizer() {}

  /**
   * @param agent the agent, empty when unknown in the tenant
   * @param connectionExists whether the connection exists in the tenant
   * @param grants every grant of the agent on this connection, including revoked and expired
   * @param action a concrete {@code resource:verb}
   */
  public static Decision decide(Optional<Agent> agent, boolean connectionExists, List<Grant> grants,
      String action, Instant now) {
    if (agent.isEmpty()) return Decision.deny("unknown agent");
    if (agent.get().status() != AgentStatus.ACTIVE) {
      return Decision.deny("agent is " + agent.get().status().wire());
    }
    if (!connectionExists) return Decision.deny("unknown connection");
    if (grants.isEmpty()) return Decision.deny("no grant on this connection");
    List<Grant> active = grants.stream().filter(g -> g.activeAt(now))
        .sorted(Comparator.comparing(Grant::grantedAt).thenComparing(Grant::id)).toList();
    if (active.isEmpty()) {
      boolean anyUnrevoked = grants.stream().anyMatch(g -> g.revokedAt() == null);
      return Decision.deny(anyUnrevoked ? "grant expired" : "grant revoked");
    }
    for (Grant g : active) {
      for (String scope : g.scopes()) {
        if (Scopes.allows(scope, action)) return Decision.allow(g.id(), scope);
      }
    }
    return Decision.deny("no scope of an active grant allows " + action);
  }
}
