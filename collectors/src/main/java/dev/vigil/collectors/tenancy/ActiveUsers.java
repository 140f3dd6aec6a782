package dev.vigil.collectors.tenancy;

import dev.vigil.collectors.db.Rejected;
import org.jdbi.v3.core.Handle;

/** The check every store makes before it names a user as owner or commander of something. */
public final class ActiveUsers {

  private ActiveUsers() {}

  /**
   * Refuses (422, naming {@code field}) a user who is not of the tenant, or is deactivated:
   * such a user cannot {@code role} ("own agents", "command incidents").
   */
  public static void require(Handle h, String tenantId, String userId, String field, String role) {
    var user = h.attach(UserDao.class).find(tenantId, userId)
        .orElseThrow(() -> Rejected.invalid(field + ": no user " + userId + " in this tenant"));
    if (!user.active()) throw Rejected.invalid(field + ": user " + userId + " is deactivated and cannot " + role);
  }
}
