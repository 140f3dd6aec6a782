package dev.vigil.collectors.decisions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.agents.AgentDao;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.collectors.connections.ConnectionDao;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.controls.model.Connection;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.grants.GrantDao;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.decision.Authorizer;
import dev.vigil.controls.decision.Decision;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Scopes;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Answers authorization requests and leases credentials, auditing both outcomes. Thread-safe. */
public final class DecisionStore {

  /** A recorded decision. */
  public record Recorded(Decision decision, String decisionId, long seq) {}

  /** A lease: the secret (allowed only) and when the agent should stop using it. */
  public record Lease(Recorded recorded, String secret, Instant expiresAt) {
    @Override
    public String toString() {
      return "Lease[" + recorded + ", expiresAt=" + expiresAt + "]";
    }
  }

  private final Jdbi jdbi;
  private final AppendPipeline pipeline;
  private final ConnectionStore connections;
  private final Ids ids;
  private final Clock clock;
  private final Duration leaseTtl;

  public DecisionStore(Jdbi jdbi, AppendPipeline pipeline, ConnectionStore connections, Ids ids,
      Clock clock, Duration leaseTtl) {
    this.jdbi = jdbi;
    this.pipeline = pipeline;
    this.connections = connections;
    this.ids = ids;
    this.clock = clock;
    this.leaseTtl = leaseTtl;
  }

  /** Decides whether {@code agentId} may do {@code action} on {@code connectionId}, and records it. */
  public Recorded authorize(String tenantId, Actor actor, String agentId, String connectionId,
      String action, String resource) {
    requireAction(action);
    Instant now = clock.instant();
    Decision decision = jdbi.withHandle(h -> decide(h, tenantId, agentId, connectionId, action, now));
    String decisionId = ids.next("dec");
    ObjectNode data = record(decisionId, agentId, connectionId, action, decision).put("resource", resource);
    long seq = pipeline.append(tenantId, List.of(new PendingEntry(actor, "decision", agentId, data,
        new PendingEntry.EventIndex(agentId, connectionId, action, now,
            decision.allowed() ? decision.grantId() : null)))).get(0).seq();
    return new Recorded(decision, decisionId, seq);
  }

  /**
   * Leases the connection's credential to the agent when a grant allows {@code action}; the
   * lease (or its refusal) is audited with the grant and key id, never the secret.
   *
   * @throws Rejected 409 when the connection has no credential, it does not decrypt, or the
   *     connection is retired
   */
  public Lease lease(String tenantId, Actor actor, String agentId, String connectionId, String action) {
    requireAction(action);
    Instant now = clock.instant();
    record Facts(Decision decision, Optional<ConnectionStore.Revealed> credential) {}
    Facts facts = jdbi.withHandle(h -> {
      if (h.attach(ConnectionDao.class).find(tenantId, connectionId).filter(Connection::retired).isPresent()) {
        return new Facts(new Decision(false, RETIRED, null), Optional.empty());
      }
      Decision d = decide(h, tenantId, agentId, connectionId, action, now);
      if (!d.allowed()) return new Facts(d, Optional.empty());
      try {
        return new Facts(d, connections.reveal(h, tenantId, connectionId));
      } catch (GeneralSecurityException e) {
        return new Facts(new Decision(false, "the stored credential does not decrypt", d.grantId()), Optional.empty());
      }
    });
    Decision decision = facts.decision();
    if (decision.allowed() && facts.credential().isEmpty()) {
      decision = new Decision(false, "no credential is stored for this connection", decision.grantId());
    }
    String decisionId = ids.next("dec");
    Instant expiresAt = now.plus(leaseTtl);
    ObjectNode data = record(decisionId, agentId, connectionId, action, decision);
    if (decision.allowed()) {
      data.put("keyId", facts.credential().get().keyId()).put("expiresAt", expiresAt.toString());
    }
    long seq = pipeline.append(tenantId, List.of(new PendingEntry(actor,
        decision.allowed() ? "credential.leased" : "credential.lease_denied", agentId, data,
        new PendingEntry.EventIndex(agentId, connectionId, action, now,
            decision.allowed() ? decision.grantId() : null)))).get(0).seq();
    Recorded recorded = new Recorded(decision, decisionId, seq);
    if (!decision.allowed()) {
      boolean stateProblem = decision.reason().contains("credential") || decision.reason().equals(RETIRED);
      if (stateProblem) throw Rejected.conflict(decision.reason());
      return new Lease(recorded, null, null);
    }
    return new Lease(recorded, facts.credential().get().secret(), expiresAt);
  }

  private static final String RETIRED = "the connection is retired";

  private static Decision decide(Handle h, String tenantId, String agentId, String connectionId,
      String action, Instant now) {
    var agent = h.attach(AgentDao.class).find(tenantId, agentId);
    boolean connectionExists = h.attach(ConnectionDao.class).find(tenantId, connectionId).isPresent();
    var grants = agent.isPresent() && connectionExists
        ? h.attach(GrantDao.class).ofAgentOnConnection(tenantId, agentId, connectionId)
        : List.<Grant>of();
    return Authorizer.decide(agent, connectionExists, grants, action, now);
  }

  private static ObjectNode record(String decisionId, String agentId, String connectionId, String action,
      Decision decision) {
    return AuditData.object().put("decisionId", decisionId).put("agentId", agentId)
        .put("connectionId", connectionId).put("action", action)
        .put("decision", decision.allowed() ? "allow" : "deny").put("reason", decision.reason())
        .put("grantId", decision.grantId());
  }

  private static void requireAction(String action) {
    if (!Scopes.isAction(action)) {
      throw Rejected.invalid("action: '" + action + "' is not an action; use resource:verb");
    }
  }
}
