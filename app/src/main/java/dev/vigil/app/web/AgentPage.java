package dev.vigil.app.web;

import dev.vigil.collectors.db.Page;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Scopes;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An agent's page; see {@link AgentsResource#agent}. */
public final class AgentPage extends PageView {

  private final Agent agent;
  private final String owner;
  private final Page<ApiToken> tokens;
  private final Page<Grant> grants;
  private final Map<String, String> connections;
  private final Set<String> unused;
  private final boolean pagedGrants;

  AgentPage(WebSession session, Agent agent, String owner, Page<ApiToken> tokens, Page<Grant> grants,
      Map<String, String> connections, Set<String> unused, boolean pagedGrants) {
    super("agent.ftlh", session, agent.name(), "agents");
    this.agent = agent;
    this.owner = owner;
    this.tokens = tokens;
    this.grants = grants;
    this.connections = connections;
    this.unused = unused;
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
}
