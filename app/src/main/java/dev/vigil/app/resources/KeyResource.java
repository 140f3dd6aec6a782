package dev.vigil.app.resources;

import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.ReencryptBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.TenantKeysets;
import dev.vigil.controls.model.TenantKey;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The tenant's encryption keys: metadata only, rotation and re-encryption. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class KeyResource {

  private final TenantKeysets keysets;
  private final ConnectionStore connections;

  public KeyResource(TenantKeysets keysets, ConnectionStore connections) {
    this.keysets = keysets;
    this.connections = connections;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
  public ListBody<TenantKey> list(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return ListBody.of(Paging.slice(keysets.keys(caller.tenantId()), TenantKey::keyId, cursor, limit));
  }

  /** Adds a new primary key; credentials sealed under older keys still open. */
  @POST
  @Path("/rotate")
  @RolesAllowed(Roles.ADMIN)
  public TenantKey rotate(@Auth Caller caller) {
    return keysets.rotate(caller.tenantId(), caller.actor());
  }

  /** Moves every credential to the primary key and retires the older keys. */
  @POST
  @Path("/reencrypt")
  @RolesAllowed(Roles.ADMIN)
  public ReencryptBody reencrypt(@Auth Caller caller) {
    int n = connections.reencrypt(caller.tenantId(), caller.actor());
    String primary = keysets.keys(caller.tenantId()).stream().filter(TenantKey::primary)
        .map(TenantKey::keyId).findFirst().orElse(null);
    return new ReencryptBody(n, primary);
  }
}
