package dev.vigil.collectors.exceptions;

import dev.vigil.collectors.agents.AgentDao;
import dev.vigil.collectors.connections.ConnectionDao;
import dev.vigil.collectors.crypto.KeysetDao;
import dev.vigil.collectors.grants.GrantDao;
import dev.vigil.collectors.incidents.IncidentDao;
import dev.vigil.collectors.vendors.VendorDao;
import dev.vigil.controls.catalog.Population;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.TenantKey;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Whether an exception's subject is a member a control can examine: an object of the kind its
 * population declares ({@link Population}), in the tenant. Stateless.
 */
final class Subjects {

  private Subjects() {}

  /** Why {@code subjectId} cannot be a member of a population of kind {@code p}, or empty when it can. */
  static Optional<String> problem(Handle h, String tenantId, Population p, String subjectId) {
    if (p == Population.CREDENTIALS || p == Population.CONNECTIONS) {
      Optional<Connection> c = h.attach(ConnectionDao.class).find(tenantId, subjectId);
      if (c.isPresent() && c.get().retired()) {
        return Optional.of("connection " + subjectId + " is retired and no control examines it");
      }
    }
    boolean exists = switch (p) {
      case GRANTS -> h.attach(GrantDao.class).find(tenantId, subjectId).isPresent();
      case AGENTS -> h.attach(AgentDao.class).find(tenantId, subjectId).isPresent();
      case CREDENTIALS, CONNECTIONS -> h.attach(ConnectionDao.class).find(tenantId, subjectId).isPresent();
      case KEYS -> h.attach(KeysetDao.class).keys(tenantId).stream().map(TenantKey::keyId).anyMatch(subjectId::equals);
      case VENDORS -> h.attach(VendorDao.class).find(tenantId, subjectId).isPresent();
      case INCIDENTS -> h.attach(IncidentDao.class).find(tenantId, subjectId).isPresent();
    };
    return exists ? Optional.empty() : Optional.of("no " + p.member() + " " + subjectId + " in this tenant");
  }
}
