package dev.vigil.evidence.docs;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * One tenant's names, read in three queries on first use and again after a change to an
 * object of that kind. Not thread-safe: one indexing thread owns a tenant at a time.
 */
final class TenantNames implements Names {

  private final Jdbi jdbi;
  private final String tenantId;
  private Map<String, String> agents;
  private Map<String, String> connections;
  private Map<String, String> vendors;

  TenantNames(Jdbi jdbi, String tenantId) {
    this.jdbi = jdbi;
    this.tenantId = tenantId;
  }

  @Override
  public String agent(String id) {
    if (agents == null || !agents.containsKey(id)) agents = load(Kind.AGENT, id);
    return agents.get(id);
  }

  @Override
  public String connection(String id) {
    if (connections == null || !connections.containsKey(id)) connections = load(Kind.CONNECTION, id);
    return connections.get(id);
  }

  @Override
  public String vendor(String id) {
    if (vendors == null || !vendors.containsKey(id)) vendors = load(Kind.VENDOR, id);
    return vendors.get(id);
  }

  @Override
  public void changed(String id) {
    // Vendors and connections can be renamed; a new agent is read on its first miss.
    if (id.startsWith("ven_")) vendors = null;
    if (id.startsWith("con_")) connections = null;
  }

  private enum Kind { AGENT, CONNECTION, VENDOR }

  /** All names of a kind; {@code wanted} is remembered as unknown when it is not among them. */
  private Map<String, String> load(Kind kind, String wanted) {
    Map<String, String> out = new HashMap<>();
    jdbi.useExtension(EvidenceDao.class, dao -> {
      var rows = switch (kind) {
        case AGENT -> dao.agentNames(tenantId);
        case CONNECTION -> dao.connectionNames(tenantId);
        case VENDOR -> dao.vendorNames(tenantId);
      };
      rows.forEach(n -> out.put(n.id(), n.name()));
    });
    out.putIfAbsent(wanted, null);
    return out;
  }
}
