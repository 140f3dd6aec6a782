package dev.vigil.collectors.grants;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * An agent's grants against their use, for a person reviewing the agent: when each grant was
 * last used and how often recently (an allowed decision, a credential lease or a reported action
 * it covered, as AC-3 counts use), and the agent's reported actions that no grant covered (what
 * AC-6 fails on). Reads only one agent's entries within a window. Thread-safe.
 */
public final class GrantUse {

  /** A grant's use: how many uses since the recent bound, and the last use in the window (null: none). */
  public record Use(String grantId, long recentUses, Instant lastAt) {}

  /** The agent's actions outside every grant of one action on one connection. */
  public record OutsideGroup(String connectionId, String action, long count, Instant lastAt) {}

  /**
   * The agent's actions outside every grant in a window: how many in all, the groups with the
   * latest first (at most as many as asked for), and whether there are more groups.
   */
  public record Outside(long count, List<OutsideGroup> latest, boolean more) {

    public Outside {
      latest = List.copyOf(latest);
    }

    /** When the latest of them was reported; null when there is none. */
    public Instant lastAt() {
      return latest.isEmpty() ? null : latest.get(0).lastAt();
    }
  }

  private final Jdbi jdbi;

  public GrantUse(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The use of {@code grantIds} (a page's worth, all the agent's) since {@code since}, counting
   * the uses since {@code recent}; a grant not used since {@code since} is absent.
   */
  public Map<String, Use> ofGrants(String tenantId, String agentId, Collection<String> grantIds, Instant since,
      Instant recent) {
    if (grantIds.isEmpty()) return Map.of();
    return jdbi.withExtension(GrantUseDao.class, dao -> dao.uses(tenantId, agentId, grantIds, since, recent))
        .stream().collect(Collectors.toUnmodifiableMap(Use::grantId, Function.identity()));
  }

  /** The agent's actions since {@code since} that no grant covered, at most {@code groups} groups. */
  public Outside outside(String tenantId, String agentId, Instant since, int groups) {
    return jdbi.withExtension(GrantUseDao.class, dao -> {
      List<OutsideGroup> fetched = dao.outside(tenantId, agentId, since, groups + 1);
      return new Outside(dao.outsideCount(tenantId, agentId, since),
          fetched.subList(0, Math.min(groups, fetched.size())), fetched.size() > groups);
    });
  }
}
