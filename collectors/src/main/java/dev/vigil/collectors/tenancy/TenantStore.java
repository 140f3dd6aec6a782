package dev.vigil.collectors.tenancy;

import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.db.Ids;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Role;
import dev.vigil.controls.model.Tenant;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Creates tenants, each with its audit chain and first admin token. Thread-safe. */
public final class TenantStore {

  /** A new tenant and its first admin token, whose secret is shown only here. */
  public record Created(Tenant tenant, TokenStore.Issued adminToken) {}

  private final Jdbi jdbi;
  private final AuditAppender audit;
  private final TokenStore tokens;
  private final Ids ids;
  private final Clock clock;

  public TenantStore(Jdbi jdbi, AuditAppender audit, TokenStore tokens, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.tokens = tokens;
    this.ids = ids;
    this.clock = clock;
  }

  public Created create(String name, Actor actor) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("a tenant name is 1 to 200 characters");
    }
    return jdbi.inTransaction(h -> {
      Tenant tenant = new Tenant(ids.next("ten"), name.strip(), clock.instant());
      h.attach(TenantDao.class).insert(tenant);
      audit.startChain(h, tenant.id());
      audit.append(h, tenant.id(), actor, "tenant.created", tenant.id(),
          AuditData.object().put("name", tenant.name()));
      TokenStore.Issued admin = tokens.issue(h, tenant.id(), actor, "initial admin", Role.ADMIN, null);
      return new Created(tenant, admin);
    });
  }

  public Optional<Tenant> find(String id) {
    return jdbi.withExtension(TenantDao.class, dao -> dao.find(id));
  }

  public long count() {
    return jdbi.withExtension(TenantDao.class, TenantDao::count);
  }
}
