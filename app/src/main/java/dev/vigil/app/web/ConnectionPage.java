package dev.vigil.app.web;

import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Scopes;
import dev.vigil.controls.model.StoredCredential;
import java.util.Map;

/** A connection's page; see {@link ConnectionsResource#connection}. */
public final class ConnectionPage extends PageView {

  private final ConnectionStore.View view;
  private final String vendor;
  private final long activeGrants;
  private final Paged<Grant> grants;
  private final Map<String, String> agents;
  private final OpenFindings findings;

  ConnectionPage(WebSession session, ConnectionStore.View view, String vendor, long activeGrants, Paged<Grant> grants,
      Map<String, String> agents, OpenFindings findings) {
    super("connection.ftlh", session, view.connection().name(), "connections");
    this.view = view;
    this.vendor = vendor;
    this.activeGrants = activeGrants;
    this.grants = grants;
    this.agents = agents;
    this.findings = findings;
  }

  public Connection getConnection() {
    return view.connection();
  }

  /** What is known of the stored credential without its secret; null when none is stored. */
  public StoredCredential getCredential() {
    return view.credential();
  }

  public String getVendor() {
    return vendor;
  }

  public Status getStatus() {
    return Connections.status(view.connection());
  }

  public long getActiveGrants() {
    return activeGrants;
  }

  public Paged<Grant> getGrants() {
    return grants;
  }

  public String agent(Grant g) {
    return agents.getOrDefault(g.agentId(), g.agentId());
  }

  /** Whether a scope is a wildcard or admin scope, which least privilege forbids. */
  public boolean broad(String scope) {
    return Scopes.isBroad(scope);
  }

  public OpenFindings getFindings() {
    return findings;
  }
}
