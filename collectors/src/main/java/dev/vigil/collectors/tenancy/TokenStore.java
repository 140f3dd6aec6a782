package dev.vigil.collectors.tenancy;

import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Role;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.Nested;

/** Issues, lists, revokes and authenticates API tokens. Thread-safe. */
public final class TokenStore {

  /** A token as issued: its metadata and the one and only time its secret is visible. */
  public record Issued(ApiToken token, String secret) {}

  private final Jdbi jdbi;
  private final AuditAppender audit;
  private final Ids ids;
  private final TokenSecrets secrets;
  private final Clock clock;

  public TokenStore(Jdbi jdbi, AuditAppender audit, Ids ids, TokenSecrets secrets, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.ids = ids;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * An unrevoked token and the tenant's policy version as of reading it: decisions it asks
   * for are re-checked if the version moves before they commit (see DecisionStore).
   */
  public record Authenticated(@Nested ApiToken token, long policyVersion) {}

  /** The tenant, role and agent of an unrevoked token. */
  public Optional<ApiToken> authenticate(String secret) {
    return authenticateAt(secret).map(Authenticated::token);
  }

  /** As {@link #authenticate}, with the tenant's policy version read in the same statement. */
  public Optional<Authenticated> authenticateAt(String secret) {
    String hash = TokenSecrets.hash(secret);
    return jdbi.withExtension(TokenDao.class, dao -> dao.findActiveWithVersion(hash));
  }

  /** Issues a token for a person or a machine; agent tokens come from the agent store. */
  public Issued issue(String tenantId, Actor actor, String name, Role role) {
    if (role == Role.AGENT) {
      throw Rejected.invalid("role: agent tokens are issued with POST /agents/{id}/tokens");
    }
    return jdbi.inTransaction(h -> issue(h, tenantId, actor, name, role, null));
  }

  /** Issues a token inside the caller's transaction and audits it (without the secret). */
  public Issued issue(Handle h, String tenantId, Actor actor, String name, Role role, String agentId) {
    String secret = secrets.newToken();
    ApiToken token = new ApiToken(tenantId, ids.next("tok"), name, role, agentId, clock.instant(), null);
    h.attach(TokenDao.class).insert(token, TokenSecrets.hash(secret));
    audit.append(h, tenantId, actor, "token.created", token.id(), AuditData.object()
        .put("name", name).put("role", role.wire()).put("agentId", agentId));
    return new Issued(token, secret);
  }

  public Page<ApiToken> list(String tenantId, String after, int limit) {
    return Page.of(jdbi.withExtension(TokenDao.class, dao -> dao.list(tenantId, after, limit + 1)),
        limit, ApiToken::id);
  }

  /** A page of an agent's tokens, revoked ones too, in id order after {@code after} ("" for the first page). */
  public Page<ApiToken> ofAgent(String tenantId, String agentId, String after, int limit) {
    return Page.of(jdbi.withExtension(TokenDao.class, dao -> dao.ofAgent(tenantId, agentId, after, limit + 1)),
        limit, ApiToken::id);
  }

  /**
   * Revokes a token; revoking a revoked token changes nothing and succeeds. The tenant's last
   * admin token cannot be revoked (409): nothing could then administer the tenant.
   */
  public void revoke(String tenantId, Actor actor, String id) {
    jdbi.useTransaction(h -> {
      // Serialises revocations within the tenant, so two of them cannot each remove "the other" admin.
      h.attach(TenantDao.class).lock(tenantId);
      TokenDao dao = h.attach(TokenDao.class);
      ApiToken token = dao.find(tenantId, id).orElseThrow(() -> Rejected.notFound("token", id));
      if (token.revoked()) return;
      if (token.role() == Role.ADMIN && dao.activeAdminCount(tenantId) <= 1) {
        throw Rejected.conflict("this is the tenant's last admin token; issue another admin token first");
      }
      dao.revoke(tenantId, id, clock.instant());
      audit.appendChange(h, tenantId, actor, "token.revoked", id, AuditData.object()
          .put("name", token.name()).put("role", token.role().wire()));
    });
  }
}
