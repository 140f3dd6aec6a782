package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.audit.PendingEntry;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members a change names, which a memberwise control re-checks alone
 * ({@link dev.vigil.controls.catalog.ControlInfo#memberwise}): grants by id, and agents by id
 * with every grant they hold. A change that names no members (a user deactivated, a connection
 * retired, an exception approved) has no scope: the control runs over the whole tenant.
 * Immutable.
 */
public record ChangeScope(Set<String> grantIds, Set<String> agentIds) {

  /**
   * The most grants and agents one re-check names: a larger burst (a bulk import) runs the
   * whole control, which then costs less than looking members up one list at a time.
   */
  public static final int MAX_NAMED = 1_000;

  public ChangeScope {
    grantIds = Set.copyOf(grantIds);
    agentIds = Set.copyOf(agentIds);
  }

  /** The scope of one grant. */
  public static ChangeScope grant(String grantId) {
    return new ChangeScope(Set.of(grantId), Set.of());
  }

  /**
   * The members {@code entry} names, by its kind: a grant created or revoked names the grant; an access review, or an agent created or changed, names the agent (and so its grants).
   * Empty for every other kind.
   */
  public static Optional<ChangeScope> of(PendingEntry entry) {
    return switch (entry.kind()) {
      case "grant.created", "grant.revoked" -> Optional.of(grant(entry.subject()));
      case "agent.created", "agent.status_changed", "agent.owner_changed" ->
          Optional.of(new ChangeScope(Set.of(), Set.of(entry.subject())));
      case "access_review.recorded" ->
          Optional.of(new ChangeScope(Set.of(), Set.of(entry.data().path("agentId").asText())));
      default -> Optional.empty();
    };
  }

  /** Both scopes' members. */
  public ChangeScope plus(ChangeScope other) {
    Set<String> grants = new TreeSet<>(grantIds);
    grants.addAll(other.grantIds);
    Set<String> agents = new TreeSet<>(agentIds);
    agents.addAll(other.agentIds);
    return new ChangeScope(grants, agents);
  }

  /** Whether it names more than {@link #MAX_NAMED} members, so that the whole control should run. */
  public boolean tooLarge() {
    return grantIds.size() + agentIds.size() > MAX_NAMED;
  }
}
