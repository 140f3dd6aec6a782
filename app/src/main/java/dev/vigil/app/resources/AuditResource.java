package dev.vigil.app.resources;

import dev.vigil.app.api.AuditEntryBody;
import dev.vigil.app.api.ListBody;
import dev.vigil.app.api.VerificationBody;
import dev.vigil.app.auth.Caller;
import dev.vigil.app.auth.Roles;
import dev.vigil.app.http.Paging;
import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.controls.audit.AuditEntry;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The caller's audit chain, for people who check it: the entries with their hashes, page by
 * page ({@code cursor} is the last seq seen), and a server-side verification of the whole chain.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE, Roles.AUDITOR})
public final class AuditResource {

  private final AuditLog log;

  public AuditResource(AuditLog log) {
    this.log = log;
  }

  @GET
  @Path("/entries")
  public ListBody<AuditEntryBody> entries(@Auth Caller caller, @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    Paging p = Paging.of(null, limit);
    long after = parseSeq(cursor);
    List<AuditEntry> page = log.after(caller.tenantId(), after, p.limit() + 1);
    boolean more = page.size() > p.limit();
    List<AuditEntry> items = more ? page.subList(0, p.limit()) : page;
    String next = more ? Long.toString(items.get(items.size() - 1).seq()) : null;
    return new ListBody<>(items.stream().map(AuditEntryBody::of).toList(), next);
  }

  @GET
  @Path("/verify")
  public VerificationBody verify(@Auth Caller caller) {
    return VerificationBody.of(log.verify(caller.tenantId()));
  }

  private static long parseSeq(String cursor) {
    if (cursor == null || cursor.isBlank()) return 0;
    try {
      long seq = Long.parseLong(cursor.strip());
      if (seq >= 0) return seq;
    } catch (NumberFormatException e) {
      // fall through to the 400
    }
    throw new WebApplicationException("cursor: must be the seq of the last entry seen", 400);
  }
}
