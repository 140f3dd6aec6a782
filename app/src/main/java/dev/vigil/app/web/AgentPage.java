package dev.vigil.app.web;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.grants.GrantUse;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Scopes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An agent's page; see {@link AgentsResource#agent}. */
public final class AgentPage extends PageView {

  /**
   * What the page says of the agent's use of its grants: each grant's use (absent: none since
   * {@code since}), and its actions outside every grant over {@link AgentsResource#RECENT}.
   */
  record Use(Map<String, GrantUse.Use> grants, GrantUse.Outside outside, Instant since, Instant now) {}

  private final Agent agent;
  private final String owner;
  private final Page<ApiToken> tokens;
  private final Page<Grant> grants;
  private final Map<String, String> connections;
  private final Set<String> unused;
  private final Use use;
  private final boolean pagedGrants;

  AgentPage(WebSession session, Agent agent, String owner, Page<ApiToken> tokens, Page<Grant> grants,
      Map<String, String> connections, Set<String> unused, Use use, boolean pagedGrants) {
    super("agent.ftlh", session, agent.name(), "agents");
    this.agent = agent;
    this.owner = owner;
    this.tokens = tokens;
    this.grants = grants;
    this.connections = connections;
    this.unused = unused;
    this.use = use;
    this.pagedGrants = pagedGrants;
  }

  public Agent getAgent() {
    return agent;
  }

  public String getOwner() {
    return owner == null ? "—" : owner;
  }

  public Status getStatus() {
    return Agents.status(agent);
  }

  public List<ApiToken> getTokens() {
    return tokens.items();
  }

  /** Whether the agent has more tokens than the page lists. */
  public boolean isMoreTokens() {
    return tokens.nextCursor() != null;
  }

  public List<Grant> getGrants() {
    return grants.items();
  }

  public String getNextGrants() {
    return grants.nextCursor();
  }

  public boolean isPagedGrants() {
    return pagedGrants;
  }

  public String connection(Grant g) {
    return connections.getOrDefault(g.connectionId(), g.connectionId());
  }

  /** Whether a scope is a wildcard or admin scope, which least privilege forbids. */
  public boolean broad(String scope) {
    return Scopes.isBroad(scope);
  }

  /** Whether the grant has an open AC-3 finding: unused for longer than the control allows. */
  public boolean unused(Grant g) {
    return unused.contains(g.id());
  }

  public String getUnusedControl() {
    return AgentsResource.UNUSED;
  }

  /** When the grant was last used, as people read it; "none in N days" when not within the look-back. */
  public String lastUsed(Grant g) {
    GrantUse.Use u = use.grants().get(g.id());
    if (u == null || u.lastAt() == null) return "None in " + Duration.between(use.since(), use.now()).toDays() + " days";
    return ago(u.lastAt(), use.now());
  }

  /** The instant of the grant's last use, for its tooltip; null when none in the look-back. */
  public Instant lastUsedAt(Grant g) {
    GrantUse.Use u = use.grants().get(g.id());
    return u == null ? null : u.lastAt();
  }

  /** How often the grant was used in the last {@link #getRecentDays} days. */
  public long recentUses(Grant g) {
    GrantUse.Use u = use.grants().get(g.id());
    return u == null ? 0 : u.recentUses();
  }

  public long getRecentDays() {
    return AgentsResource.RECENT.toDays();
  }

  /** The agent's actions outside every grant in the last {@link #getRecentDays} days. */
  public GrantUse.Outside getOutside() {
    return use.outside();
  }

  /** When the latest action outside every grant was reported, as people read it. */
  public String getOutsideLast() {
    return ago(use.outside().lastAt(), use.now());
  }

  public String connectionName(String id) {
    return id == null ? "—" : connections.getOrDefault(id, id);
  }

  public String getOutsideControl() {
    return AgentsResource.OUTSIDE;
  }
}
