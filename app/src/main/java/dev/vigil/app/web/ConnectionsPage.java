package dev.vigil.app.web;

import dev.vigil.collectors.connections.ConnectionStore;
import java.util.Map;

/** The connections list; see {@link ConnectionsResource#list}. */
public final class ConnectionsPage extends PageView {

  private final Paged<ConnectionStore.View> connections;
  private final Map<String, String> vendors;

  ConnectionsPage(WebSession session, Paged<ConnectionStore.View> connections, Map<String, String> vendors) {
    super("connections.ftlh", session, "Connections", "connections");
    this.connections = connections;
    this.vendors = vendors;
  }

  public Paged<ConnectionStore.View> getConnections() {
    return connections;
  }

  public String vendor(ConnectionStore.View c) {
    return vendors.getOrDefault(c.connection().vendorId(), c.connection().vendorId());
  }

  public Status status(ConnectionStore.View c) {
    return Connections.status(c.connection());
  }
}
