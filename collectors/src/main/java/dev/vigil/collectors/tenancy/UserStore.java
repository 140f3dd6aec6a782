package dev.vigil.collectors.tenancy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.db.Constraints;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Creates, reads, changes and authenticates dashboard users. Thread-safe. */
public final class UserStore {

  /** A change to a user; a null field is left as it is. */
  public record Change(String name, Role role, Boolean active) {}

  private final Jdbi jdbi;
  private final AuditAppender audit;
  private final Ids ids;
  private final PasswordHasher passwords;
  private final Clock clock;

  public UserStore(Jdbi jdbi, AuditAppender audit, Ids ids, PasswordHasher passwords, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.ids = ids;
    this.passwords = passwords;
    this.clock = clock;
  }

  public User create(String tenantId, Actor actor, String email, String name, Role role, String password) {
    if (!role.forPeople()) {
      throw Rejected.invalid("role: a user is admin, compliance or auditor; " + role.wire()
          + " is for tokens");
    }
    String hash = passwords.hash(password);
    User user = new User(tenantId, ids.next("usr"), email.strip().toLowerCase(Locale.ROOT),
        name.strip(), role, true, clock.instant(), null);
    try {
      return jdbi.inTransaction(h -> {
        UserDao dao = h.attach(UserDao.class);
        if (dao.findByEmail(tenantId, user.email()).isPresent()) {
          throw Rejected.conflict("email: a user with " + user.email() + " already exists");
        }
        dao.insert(user, hash);
        audit.append(h, tenantId, actor, "user.created", user.id(), AuditData.object()
            .put("email", user.email()).put("name", user.name()).put("role", role.wire()));
        return user;
      });
    } catch (RuntimeException e) {
      if (Constraints.isUniqueViolation(e)) {
        throw Rejected.conflict("email: a user with " + user.email() + " already exists");
      }
      throw e;
    }
  }

  public Optional<User> find(String tenantId, String id) {
    return jdbi.withExtension(UserDao.class, dao -> dao.find(tenantId, id));
  }

  public Page<User> list(String tenantId, String after, int limit) {
    return Page.of(jdbi.withExtension(UserDao.class, dao -> dao.list(tenantId, after, limit + 1)),
        limit, User::id);
  }

  /** Applies {@code change}; a change that changes nothing is not audited. */
  public User update(String tenantId, Actor actor, String id, Change change) {
    if (change.role() != null && !change.role().forPeople()) {
      throw Rejected.invalid("role: a user is admin, compliance or auditor");
    }
    return jdbi.inTransaction(h -> {
      UserDao dao = h.attach(UserDao.class);
      User before = dao.find(tenantId, id).orElseThrow(() -> Rejected.notFound("user", id));
      String name = change.name() == null ? before.name() : change.name().strip();
      Role role = change.role() == null ? before.role() : change.role();
      boolean active = change.active() == null ? before.active() : change.active();
      Instant deactivatedAt = active ? null
          : before.active() ? clock.instant() : before.deactivatedAt();
      User after = new User(tenantId, id, before.email(), name, role, active, before.createdAt(),
          deactivatedAt);
      if (after.equals(before)) return before;
      dao.update(tenantId, id, name, role, active, deactivatedAt);
      // A deactivated person is signed out everywhere at once, not when a session next expires.
      if (!active && before.active()) h.attach(SessionDao.class).deleteOfUser(tenantId, id);
      ObjectNode data = AuditData.object();
      if (!name.equals(before.name())) data.put("name", name);
      if (role != before.role()) data.put("role", role.wire());
      if (active != before.active()) data.put("active", active);
      audit.append(h, tenantId, actor, active == before.active() ? "user.updated"
          : active ? "user.reactivated" : "user.deactivated", id, data);
      return after;
    });
  }

  /** A tenant in which an email names an active user (its id): where that person may sign in. */
  public record Workspace(String tenantId, String name, String userId) {}

  /**
   * The tenants in which {@code email} names an active user, by tenant name: the one read of
   * users not scoped by tenant, since signing in starts from an email alone.
   */
  public java.util.List<Workspace> workspaces(String email) {
    return jdbi.withExtension(UserDao.class, dao -> dao.workspaces(email.strip().toLowerCase(Locale.ROOT)));
  }

  /** The active user with this email and password, for signing in. */
  public Optional<User> authenticate(String tenantId, String email, String password) {
    return jdbi.withHandle(h -> {
      UserDao dao = h.attach(UserDao.class);
      return dao.findByEmail(tenantId, email.strip().toLowerCase(Locale.ROOT))
          .filter(User::active)
          .filter(u -> dao.passwordHash(tenantId, u.id())
              .map(stored -> passwords.matches(password, stored)).orElse(false));
    });
  }
}
