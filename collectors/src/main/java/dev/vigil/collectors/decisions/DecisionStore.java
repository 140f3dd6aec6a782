package dev.vigil.collectors.decisions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.Decided;
import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.TokenDao;
import dev.vigil.controls.model.ApiToken;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.decision.Authorizer;
import dev.vigil.controls.decision.Decision;
import dev.vigil.controls.model.Scopes;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
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

  /**
   * The policy version of an actor checked by its caller in-process, not read with a token:
   * nothing about the actor is re-checked at commit.
   */
  public static final long VOUCHED = Long.MAX_VALUE;

  private final Jdbi jdbi;
  private final AppendPipeline pipeline;
  private final ConnectionStore connections;
  private final DecisionView view;
  private final Ids ids;
  private final Clock clock;
  private final Duration leaseTtl;

  /** A store with a view of its own holding at most {@link #DEFAULT_VIEW_ENTRIES} entries. */
  public DecisionStore(Jdbi jdbi, AppendPipeline pipeline, ConnectionStore connections, Ids ids,
      Clock clock, Duration leaseTtl) {
    this(jdbi, pipeline, connections, new DecisionView(jdbi, DEFAULT_VIEW_ENTRIES), ids, clock, leaseTtl);
  }

  public DecisionStore(Jdbi jdbi, AppendPipeline pipeline, ConnectionStore connections, DecisionView view,
      Ids ids, Clock clock, Duration leaseTtl) {
    this.jdbi = jdbi;
    this.pipeline = pipeline;
    this.connections = connections;
    this.view = view;
    this.ids = ids;
    this.clock = clock;
    this.leaseTtl = leaseTtl;
  }

  /** The view decisions are made from. */
  public DecisionView view() {
    return view;
  }

  /** The entries of a view made by the short constructor. */
  public static final long DEFAULT_VIEW_ENTRIES = 100_000;

  /** As {@link #authorize(String, Actor, long, String, String, String, String)} for a vouched actor. */
  public Recorded authorize(String tenantId, Actor actor, String agentId, String connectionId,
      String action, String resource) {
    return authorize(tenantId, actor, VOUCHED, agentId, connectionId, action, resource);
  }

  /**
   * Decides whether {@code agentId} may do {@code action} on {@code connectionId}, and records
   * it. The decision comes from the view; if the tenant's policy version moved past the
   * view's or past {@code actorVersion} (the version read with the actor's token) before it is
   * appended, it is decided again from the database in the group commit, the actor's token
   * re-checked, and that is what is recorded and returned.
   */
  public Recorded authorize(String tenantId, Actor actor, long actorVersion, String agentId, String connectionId,
      String action, String resource) {
    requireAction(action);
    Instant now = clock.instant();
    String decisionId = ids.next("dec");
    DecisionView.Facts facts = view.facts(tenantId, agentId, connectionId);
    Ticket ticket = new Ticket(Math.min(facts.version(), actorVersion), new Outcome(decide(facts, action, now)),
        o -> new PendingEntry(actor, "decision", agentId,
            record(decisionId, agentId, connectionId, action, o.decision()).put("resource", resource),
            index(agentId, connectionId, action, now, o.decision())),
        (h, version) -> {
          // Reloaded first in any case: the view learns the new version, and so does the
          // token authenticator that compares against it.
          DecisionView.Facts current = view.reload(h, tenantId, agentId, connectionId, version);
          return new Outcome(tokenRevoked(h, tenantId, actor) ? REVOKED_TOKEN : decide(current, action, now));
        });
    long seq = pipeline.append(tenantId, ticket).seq();
    return new Recorded(ticket.outcome().decision(), decisionId, seq);
  }

  /** As {@link #lease(String, Actor, long, String, String, String)} for a vouched actor. */
  public Lease lease(String tenantId, Actor actor, String agentId, String connectionId, String action) {
    return lease(tenantId, actor, VOUCHED, agentId, connectionId, action);
  }

  /**
   * Leases the connection's credential to the agent when a grant allows {@code action}; the
   * lease (or its refusal) is audited with the grant and key id, never the secret. Decided as
   * {@link #authorize} is; the credential itself is read from the database (the view does not
   * hold secrets), and read again when the lease is re-decided.
   *
   * @throws Rejected 409 when the connection has no credential, it does not decrypt, or the
   *     connection is retired
   */
  public Lease lease(String tenantId, Actor actor, long actorVersion, String agentId, String connectionId,
      String action) {
    requireAction(action);
    Instant now = clock.instant();
    String decisionId = ids.next("dec");
    Instant expiresAt = now.plus(leaseTtl);
    DecisionView.Facts facts = view.facts(tenantId, agentId, connectionId);
    Outcome first = jdbi.withHandle(h -> withCredential(h, tenantId, connectionId, leaseDecision(facts, action, now)));
    Ticket ticket = new Ticket(Math.min(facts.version(), actorVersion), first, o -> {
      ObjectNode data = record(decisionId, agentId, connectionId, action, o.decision());
      if (o.decision().allowed()) {
        data.put("keyId", o.credential().get().keyId()).put("expiresAt", expiresAt.toString());
      }
      return new PendingEntry(actor, o.decision().allowed() ? "credential.leased" : "credential.lease_denied",
          agentId, data, index(agentId, connectionId, action, now, o.decision()));
    }, (h, version) -> {
      DecisionView.Facts current = view.reload(h, tenantId, agentId, connectionId, version);
      return withCredential(h, tenantId, connectionId,
          tokenRevoked(h, tenantId, actor) ? REVOKED_TOKEN : leaseDecision(current, action, now));
    });
    long seq = pipeline.append(tenantId, ticket).seq();
    Outcome outcome = ticket.outcome();
    Recorded recorded = new Recorded(outcome.decision(), decisionId, seq);
    if (!outcome.decision().allowed()) {
      String reason = outcome.decision().reason();
      if (reason.contains("credential") || reason.equals(RETIRED)) throw Rejected.conflict(reason);
      return new Lease(recorded, null, null);
    }
    return new Lease(recorded, outcome.credential().get().secret(), expiresAt);
  }

  private static final String RETIRED = "the connection is retired";

  /** A decision re-decided for a token revoked meanwhile: recorded and answered as a deny. */
  static final Decision REVOKED_TOKEN = Decision.deny("the caller's token is revoked");

  /** A decision, and for an allowed lease the credential it hands out. */
  private record Outcome(Decision decision, Optional<ConnectionStore.Revealed> credential) {
    Outcome(Decision decision) {
      this(decision, Optional.empty());
    }
  }

  /** Decides again inside the group commit's transaction, at the policy version it read. */
  private interface Redecision {
    Outcome at(Handle h, long version);
  }

  /**
   * A decision on its way to the chain. The outcome is set on the request's thread, or by the
   * chain's writer when it re-decides; the caller reads it after the append returned (the
   * append's completion orders the writes before the read).
   */
  private static final class Ticket implements Decided {
    private final long version;
    private final Function<Outcome, PendingEntry> entryOf;
    private final Redecision redecision;
    private Outcome outcome;
    private PendingEntry entry;

    Ticket(long version, Outcome outcome, Function<Outcome, PendingEntry> entryOf, Redecision redecision) {
      this.version = version;
      this.entryOf = entryOf;
      this.redecision = redecision;
      this.outcome = outcome;
      this.entry = entryOf.apply(outcome);
    }

    @Override
    public long policyVersion() {
      return version;
    }

    @Override
    public PendingEntry entry() {
      return entry;
    }

    @Override
    public PendingEntry redecide(Handle h, long current) {
      outcome = redecision.at(h, current);
      entry = entryOf.apply(outcome);
      return entry;
    }

    Outcome outcome() {
      return outcome;
    }
  }

  private static Decision decide(DecisionView.Facts f, String action, Instant now) {
    return Authorizer.decide(f.agent(), f.connection().isPresent(), f.grants(), action, now);
  }

  private static Decision leaseDecision(DecisionView.Facts f, String action, Instant now) {
    if (f.connection().filter(Connection::retired).isPresent()) return new Decision(false, RETIRED, null);
    return decide(f, action, now);
  }

  /** For an allowed lease, the credential it hands out (read through {@code h}), or why there is none. */
  private Outcome withCredential(Handle h, String tenantId, String connectionId, Decision d) {
    if (!d.allowed()) return new Outcome(d);
    try {
      return connections.reveal(h, tenantId, connectionId).map(c -> new Outcome(d, Optional.of(c)))
          .orElseGet(() -> new Outcome(new Decision(false, "no credential is stored for this connection",
              d.grantId())));
    } catch (GeneralSecurityException e) {
      return new Outcome(new Decision(false, "the stored credential does not decrypt", d.grantId()));
    }
  }

  private static PendingEntry.EventIndex index(String agentId, String connectionId, String action, Instant now,
      Decision d) {
    return new PendingEntry.EventIndex(agentId, connectionId, action, now, d.allowed() ? d.grantId() : null);
  }

  /** Whether the actor is a token that has been revoked (a token unknown here is checked by its caller). */
  private static boolean tokenRevoked(Handle h, String tenantId, Actor actor) {
    return actor.type().equals("token")
        && h.attach(TokenDao.class).find(tenantId, actor.id()).filter(ApiToken::revoked).isPresent();
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
