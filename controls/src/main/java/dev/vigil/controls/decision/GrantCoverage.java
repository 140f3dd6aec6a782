package dev.vigil.controls.decision;

import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Scopes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which grant, if any, covered a reported action at the moment it happened: the oldest grant
 * of the agent on the connection that was in force then and has a scope allowing the action.
 * None means the action fell outside every grant (control AC-6). Stateless.
 */
public final class GrantCoverage {

  private GrantCoverage() {}

  /**
   * @param grants the agent's grants on the action's connection, including revoked and expired ones
   * @param action a concrete {@code resource:verb}
   * @param at when the action happened
   */
  public static Optional<Grant> covering(List<Grant> grants, String action, Instant at) {
    return grants.stream()
        .filter(g -> g.inForceAt(at) && g.scopes().stream().anyMatch(s -> Scopes.allows(s, action)))
        .min(Comparator.comparing(Grant::grantedAt).thenComparing(Grant::id));
  }
}
