package dev.vigil.collectors.grants;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.agents.AgentDao;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.connections.ConnectionDao;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.ActiveUsers;
import dev.vigil.collectors.tenancy.UserDao;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.AccessReview;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.ReviewDecision;
import dev.vigil.controls.model.Scopes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Grants scopes to agents, revokes them, and records access reviews. Thread-safe. */
public final class GrantStore {

  /** A grant to make; {@code expiresAt} may be null (no expiry). */
  public record NewGrant(String connectionId, List<String> scopes, String justification,
      String requestedBy, String approvedBy, Instant expiresAt) {}

  /**
   * Where a grant stands at a moment: active (neither revoked nor expired), expired (its
   * {@code expiresAt} passed; expiry is exclusive) or revoked (whatever its expiry).
   */
  public enum Status {
    ACTIVE,
    EXPIRED,
    REVOKED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code wire} ({@code active} ...), if any. */
    public static Optional<Status> ofWire(String wire) {
      return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }
  }

  /** Which of the tenant's grants to list; each null field filters nothing. */
  public record Filter(String agentId, String connectionId, Status status) {}

  static final int MAX_SCOPES = 100;

  private final AuditedWrites writes;

  public GrantStore(AuditedWrites writes) {
    this.writes = writes;
  }

  public Grant create(String tenantId, Actor actor, String agentId, NewGrant g) {
    List<String> scopes = validScopes(g.scopes());
    Instant now = writes.clock().instant();
    if (g.expiresAt() != null && !g.expiresAt().isAfter(now)) {
      throw Rejected.invalid("expiresAt: must be in the future");
    }
    return writes.jdbi().inTransaction(h -> {
      Agent agent = h.attach(AgentDao.class).lock(tenantId, agentId)
          .orElseThrow(() -> Rejected.notFound("agent", agentId));
      if (agent.status() == AgentStatus.RETIRED) {
        throw Rejected.conflict("agent " + agentId + " is retired and cannot be granted scopes");
      }
      var connection = h.attach(ConnectionDao.class).find(tenantId, g.connectionId())
          .orElseThrow(() -> Rejected.invalid("connectionId: no connection " + g.connectionId() + " in this tenant"));
      if (connection.retired()) {
        throw Rejected.conflict("connection " + g.connectionId() + " is retired and cannot be granted on");
      }
      requireUser(h, tenantId, "requestedBy", g.requestedBy());
      ActiveUsers.requireApprover(h, tenantId, g.approvedBy(), "approvedBy", "approve grants");
      Grant grant = new Grant(tenantId, writes.ids().next("gra"), agentId, g.connectionId(), scopes,
          g.justification(), g.requestedBy(), g.approvedBy(), now, g.expiresAt(), null);
      h.attach(GrantDao.class).insert(grant, GrantMapper.encode(scopes));
      ObjectNode data = AuditData.object().put("agentId", agentId).put("connectionId", g.connectionId());
      ArrayNode scopeArray = data.putArray("scopes");
      scopes.forEach(scopeArray::add);
      data.put("justification", g.justification()).put("requestedBy", g.requestedBy())
          .put("approvedBy", g.approvedBy())
          .put("expiresAt", g.expiresAt() == null ? null : g.expiresAt().toString());
      writes.audit().appendChange(h, tenantId, actor, "grant.created", grant.id(), data);
      return grant;
    });
  }

  public Optional<Grant> find(String tenantId, String grantId) {
    return writes.jdbi().withExtension(GrantDao.class, dao -> dao.find(tenantId, grantId));
  }

  /** The agent of each of the tenant's grants among {@code grantIds} (a page's), by grant id. */
  public Map<String, String> agentsOf(String tenantId, Collection<String> grantIds) {
    if (grantIds.isEmpty()) return Map.of();
    return writes.jdbi().withExtension(GrantDao.class, dao -> dao.agentsOf(tenantId, grantIds));
  }

  /**
   * A page of the agent's active grants, or of its whole history with {@code all}, after the
   * grant id {@code after} ("" for the first page); 404 for an unknown agent.
   */
  public Page<Grant> ofAgent(String tenantId, String agentId, boolean all, String after, int limit) {
    return Page.of(writes.jdbi().withHandle(h -> {
      h.attach(AgentDao.class).find(tenantId, agentId).orElseThrow(() -> Rejected.notFound("agent", agentId));
      GrantDao dao = h.attach(GrantDao.class);
      return all ? dao.history(tenantId, agentId, after, limit + 1)
          : dao.active(tenantId, agentId, writes.clock().instant(), after, limit + 1);
    }), limit, Grant::id);
  }

  /**
   * A page of the tenant's grants, of every agent and connection unless {@code filter} names
   * one, in id order after {@code after} ("" for the first page). An agent or connection the
   * filter names must be the tenant's (422 otherwise: it is input, not the object addressed).
   */
  public Page<Grant> list(String tenantId, Filter filter, String after, int limit) {
    String status = filter.status() == null ? null : filter.status().name();
    Instant now = writes.clock().instant();
    return Page.of(writes.jdbi().withHandle(h -> {
      if (filter.agentId() != null && h.attach(AgentDao.class).find(tenantId, filter.agentId()).isEmpty()) {
        throw Rejected.invalid("agentId: no agent " + filter.agentId() + " in this tenant");
      }
      if (filter.connectionId() != null
          && h.attach(ConnectionDao.class).find(tenantId, filter.connectionId()).isEmpty()) {
        throw Rejected.invalid("connectionId: no connection " + filter.connectionId() + " in this tenant");
      }
      GrantDao dao = h.attach(GrantDao.class);
      // One query per index: the agent's, the connection's, or the tenant's primary key.
      if (filter.agentId() != null) {
        return dao.pageOfAgent(tenantId, filter.agentId(), filter.connectionId(), status, now, after, limit + 1);
      }
      if (filter.connectionId() != null) {
        return dao.pageOnConnection(tenantId, filter.connectionId(), status, now, after, limit + 1);
      }
      return dao.page(tenantId, status, now, after, limit + 1);
    }), limit, Grant::id);
  }

  /** How many grants on the connection are active now (neither revoked nor expired). */
  public long activeOnConnection(String tenantId, String connectionId) {
    Instant now = writes.clock().instant();
    return writes.jdbi().withExtension(GrantDao.class, dao -> dao.countActiveOnConnection(tenantId, connectionId, now));
  }

  /** Revokes one grant of the agent; revoking a revoked grant changes nothing. */
  public void revoke(String tenantId, Actor actor, String agentId, String grantId) {
    writes.jdbi().useTransaction(h -> {
      GrantDao dao = h.attach(GrantDao.class);
      Grant grant = dao.find(tenantId, grantId)
          .filter(g -> g.agentId().equals(agentId))
          .orElseThrow(() -> Rejected.notFound("grant", grantId));
      if (grant.revokedAt() != null) return;
      dao.revoke(tenantId, grantId, writes.clock().instant());
      writes.audit().appendChange(h, tenantId, actor, "grant.revoked", grantId, AuditData.object()
          .put("agentId", agentId).put("connectionId", grant.connectionId()));
    });
  }

  /**
   * Revokes every unrevoked grant of an agent within {@code h}'s transaction, for retirement
   * and access reviews; returns their ids for the caller's audit entry.
   */
  public static List<String> revokeAll(Handle h, String tenantId, String agentId, Instant at) {
    GrantDao dao = h.attach(GrantDao.class);
    List<String> revoked = dao.unrevokedIds(tenantId, agentId);
    dao.revokeAllOfAgent(tenantId, agentId, at);
    return revoked;
  }

  /** Records an access review; {@code revoke} revokes all the agent's grants with it. */
  public AccessReview review(String tenantId, Actor actor, String agentId, String reviewerId,
      ReviewDecision decision, String notes) {
    return writes.jdbi().inTransaction(h -> {
      if (h.attach(AgentDao.class).lock(tenantId, agentId).isEmpty()) {
        throw Rejected.invalid("agentId: no agent " + agentId + " in this tenant");
      }
      ActiveUsers.requireApprover(h, tenantId, reviewerId, "reviewerId", "review access");
      Instant now = writes.clock().instant();
      AccessReview review = new AccessReview(tenantId, writes.ids().next("arv"), agentId, reviewerId, decision,
          notes, now);
      h.attach(GrantDao.class).insertReview(review);
      ObjectNode data = AuditData.object().put("agentId", agentId).put("reviewerId", reviewerId)
          .put("decision", decision.wire()).put("notes", notes);
      if (decision == ReviewDecision.REVOKE) {
        ArrayNode revoked = data.putArray("revokedGrants");
        revokeAll(h, tenantId, agentId, now).forEach(revoked::add);
      }
      writes.audit().appendChange(h, tenantId, actor, "access_review.recorded", review.id(), data);
      return review;
    });
  }

  public Page<AccessReview> reviews(String tenantId, String after, int limit) {
    return Page.of(writes.jdbi().withExtension(GrantDao.class, dao -> dao.reviews(tenantId, after, limit + 1)),
        limit, AccessReview::id);
  }

  private static void requireUser(Handle h, String tenantId, String field, String userId) {
    if (h.attach(UserDao.class).find(tenantId, userId).isEmpty()) {
      throw Rejected.invalid(field + ": no user " + userId + " in this tenant");
    }
  }

  private static List<String> validScopes(List<String> scopes) {
    if (scopes == null || scopes.isEmpty()) throw Rejected.invalid("scopes: name at least one scope");
    if (scopes.size() > MAX_SCOPES) throw Rejected.invalid("scopes: at most " + MAX_SCOPES);
    List<String> problems = new ArrayList<>();
    for (String s : scopes) Scopes.problem(s).ifPresent(problems::add);
    if (!problems.isEmpty()) throw Rejected.invalid("scopes: " + String.join("; ", problems));
    return List.copyOf(new LinkedHashSet<>(scopes));
  }
}
