package dev.vigil.collectors.tenancy;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.User;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The checks every store makes before it names a user as owner or commander of something, or as
 * the person who approved or reviewed it.
 */
public final class ActiveUsers {

  /** Who may approve and review: auditors stay independent of what they audit. */
  private static final Set<Role> APPROVERS = Set.of(Role.ADMIN, Role.COMPLIANCE);

  private ActiveUsers() {}

  /**
   * The user, refused (422, naming {@code field}) when not of the tenant or deactivated: such a
   * user cannot {@code role} ("own agents", "command incidents").
   */
  public static User require(Handle h, String tenantId, String userId, String field, String role) {
    User user = h.attach(UserDao.class).find(tenantId, userId)
        .orElseThrow(() -> Rejected.invalid(field + ": no user " + userId + " in this tenant"));
    if (!user.active()) throw Rejected.invalid(field + ": user " + userId + " is deactivated and cannot " + role);
    return user;
  }

  /**
   * As {@link #require}, and refuses a user who is neither admin nor compliance: such a user
   * cannot {@code act} ("approve grants", "review access").
   */
  public static void requireApprover(Handle h, String tenantId, String userId, String field, String act) {
    Role role = require(h, tenantId, userId, field, act).role();
    if (!APPROVERS.contains(role)) {
      throw Rejected.invalid(field + ": user " + userId + " is " + role.wire() + " and cannot " + act + "; an admin"
          + " or compliance user must (auditors stay independent of what they audit)");
    }
  }
}
