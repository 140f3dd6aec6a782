package dev.vigil.app.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** A caller holds exactly one role: its token's. */
public final class RoleAuthorizer implements Authorizer<Caller> {

  @Override
  public boolean authorize(Caller caller, String role, ContainerRequestContext request) {
    return caller.role().wire().equals(role);
  }
}
