package dev.vigil.collectors.agents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.grants.GrantStore;
import dev.vigil.collectors.tenancy.TokenDao;
import dev.vigil.collectors.tenancy.TokenStore;
import dev.vigil.collectors.tenancy.ActiveUsers;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.AgentStatus;
import dev.vigil.controls.model.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Registers agents, changes their status and issues their tokens. Thread-safe. */
public final class AgentStore {

  private final Jdbi jdbi;
  private final AuditAppender audit;
  private final TokenStore tokens;
  private final Ids ids;
  private final Clock clock;

  public AgentStore(Jdbi jdbi, AuditAppender audit, TokenStore tokens, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.tokens = tokens;
    this.ids = ids;
    this.clock = clock;
  }

  /** What to change; a null field is left as it is. */
  public record Change(AgentStatus status, String ownerId) {}

  /** Registers an active agent owned by {@code ownerId}, a user of the same tenant. */
  public Agent create(String tenantId, Actor actor, String name, String ownerId, String description) {
    return jdbi.inTransaction(h -> {
      requireOwner(h, tenantId, ownerId);
      Instant now = clock.instant();
      Agent agent = new Agent(tenantId, ids.next("agt"), name.strip(), ownerId, description,
          AgentStatus.ACTIVE, now, now);
      h.attach(AgentDao.class).insert(agent);
      audit.appendChange(h, tenantId, actor, "agent.created", agent.id(), AuditData.object()
          .put("name", agent.name()).put("ownerId", ownerId).put("description", description)
          .put("status", agent.status().wire()));
      return agent;
    });
  }

  public Optional<Agent> find(String tenantId, String id) {
    return jdbi.withExtension(AgentDao.class, dao -> dao.find(tenantId, id));
  }

  public Page<Agent> list(String tenantId, String after, int limit) {
    return Page.of(jdbi.withExtension(AgentDao.class, dao -> dao.list(tenantId, after, limit + 1)),
        limit, Agent::id);
  }

  /**
   * Moves an agent to {@code status}. Retired is final; retiring revokes the agent's tokens
   * and grants in the same transaction.
   * Setting the status it already has changes nothing and is not audited.
   */
  public Agent changeStatus(String tenantId, Actor actor, String id, AgentStatus status) {
    return update(tenantId, actor, id, new Change(status, null));
  }

  /**
   * Applies {@code change} in one transaction: a new owner (an active user of the tenant, 422
   * otherwise; audited as {@code agent.owner_changed} with the old and new owner), then a new
   * status as {@link #changeStatus} does. A retired agent changes no more (409).
   */
  public Agent update(String tenantId, Actor actor, String id, Change change) {
    return jdbi.inTransaction(h -> {
      AgentDao dao = h.attach(AgentDao.class);
      Agent before = dao.lock(tenantId, id).orElseThrow(() -> Rejected.notFound("agent", id));
      if (change.ownerId() != null && !change.ownerId().equals(before.ownerId())) {
        if (before.status() == AgentStatus.RETIRED) {
          throw Rejected.conflict("ownerId: agent " + id + " is retired; retirement is final");
        }
        requireOwner(h, tenantId, change.ownerId());
        dao.setOwner(tenantId, id, change.ownerId());
        audit.append(h, tenantId, actor, "agent.owner_changed", id, AuditData.object()
            .put("from", before.ownerId()).put("to", change.ownerId()));
        before = new Agent(tenantId, id, before.name(), change.ownerId(), before.description(), before.status(),
            before.createdAt(), before.statusChangedAt());
      }
      return change.status() == null ? before : changeStatus(h, tenantId, actor, before, change.status());
    });
  }

  private Agent changeStatus(Handle h, String tenantId, Actor actor, Agent before, AgentStatus status) {
    String id = before.id();
    AgentDao dao = h.attach(AgentDao.class);
    if (before.status() == status) return before;
    if (before.status() == AgentStatus.RETIRED) {
      throw Rejected.conflict("status: agent " + id + " is retired; retirement is final");
    }
    Instant now = clock.instant();
    dao.setStatus(tenantId, id, status, now);
    var data = AuditData.object().put("from", before.status().wire()).put("to", status.wire());
    if (status == AgentStatus.RETIRED) {
      TokenDao tokenDao = h.attach(TokenDao.class);
      ArrayNode tokens = data.putArray("revokedTokens");
      tokenDao.activeIdsOfAgent(tenantId, id).forEach(tokens::add);
      tokenDao.revokeAllOfAgent(tenantId, id, now);
      ArrayNode grants = data.putArray("revokedGrants");
      GrantStore.revokeAll(h, tenantId, id, now).forEach(grants::add);
    }
    audit.appendChange(h, tenantId, actor, "agent.status_changed", id, data);
    return new Agent(tenantId, id, before.name(), before.ownerId(), before.description(), status,
        before.createdAt(), now);
  }

  private static void requireOwner(Handle h, String tenantId, String ownerId) {
    ActiveUsers.require(h, tenantId, ownerId, "ownerId", "own agents");
  }

  /** Issues a token with role agent bound to this agent; a retired agent gets none. */
  public TokenStore.Issued issueToken(String tenantId, Actor actor, String agentId, String name) {
    return jdbi.inTransaction(h -> {
      Agent agent = h.attach(AgentDao.class).lock(tenantId, agentId)
          .orElseThrow(() -> Rejected.notFound("agent", agentId));
      if (agent.status() == AgentStatus.RETIRED) {
        throw Rejected.conflict("agent " + agentId + " is retired and cannot get tokens");
      }
      return tokens.issue(h, tenantId, actor, name == null ? agent.name() : name, Role.AGENT, agentId);
    });
  }
}
