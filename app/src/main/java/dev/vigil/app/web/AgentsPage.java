package dev.vigil.app.web;

import dev.vigil.collectors.db.Page;
import dev.vigil.controls.model.Agent;
import java.util.List;
import java.util.Map;

/** The agents list; see {@link AgentsResource#list}. */
public final class AgentsPage extends PageView {

  private final Page<Agent> page;
  private final Map<String, String> owners;
  private final boolean paged;

  AgentsPage(WebSession session, Page<Agent> page, Map<String, String> owners, boolean paged) {
    super("agents.ftlh", session, "Agents", "agents");
    this.page = page;
    this.owners = owners;
    this.paged = paged;
  }

  public List<Agent> getAgents() {
    return page.items();
  }

  public String getNext() {
    return page.nextCursor();
  }

  public boolean isPaged() {
    return paged;
  }

  public String owner(String id) {
    return id == null ? "—" : owners.getOrDefault(id, id);
  }

  public Status status(Agent a) {
    return Agents.status(a);
  }
}
