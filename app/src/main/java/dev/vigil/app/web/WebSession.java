package dev.vigil.app.web;

import dev.vigil.collectors.tenancy.Session;
import dev.vigil.collectors.tenancy.SessionStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.User;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The signed-in person of a dashboard request, as {@link SessionFilter} found it: the user as it
 * stands now (so a role change applies at the next request), its tenant's name, the session,
 * and the CSRF token every form of the page carries.
 */
public record WebSession(User user, String workspace, Session session, String csrf) {

  static final String PROPERTY = "vigil.web.session";

  /** The session of {@code request}; the filter has refused every request without one. */
  static WebSession of(ContainerRequestContext request) {
    return (WebSession) request.getProperty(PROPERTY);
  }

  public String tenantId() {
    return user.tenantId();
  }

  /** Whether the person may act (run a control ...): admins and compliance, as in the API; auditors only read. */
  public boolean canAct() {
    return user.role() == Role.ADMIN || user.role() == Role.COMPLIANCE;
  }

  public String role() {
    return user.role().wire();
  }

  /** How the person appears in the audit trail. */
  public Actor actor() {
    return SessionStore.actor(user.id());
  }
}
