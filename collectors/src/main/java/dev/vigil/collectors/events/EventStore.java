package dev.vigil.collectors.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AppendPipeline;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.EntrySize;
import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.collectors.db.ClockSkew;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.grants.GrantDao;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.CanonicalJson;
import dev.vigil.controls.decision.GrantCoverage;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Scopes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Ingests batches of reported agent actions and answers queries over them. Thread-safe. */
public final class EventStore {

  /** The most events one request may carry. */
  public static final int MAX_BATCH = 1000;
  private static final Set<String> OUTCOMES = Set.of("success", "failure", "denied");
  private static final Instant BEGINNING = Instant.EPOCH;
  private static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

  /** One reported action, as the API takes it. */
  public record NewEvent(String agentId, String connectionId, String action, String resource,
      String outcome, Instant occurredAt, String onBehalfOf, ObjectNode attributes) {}

  /** What was stored: how many, and the seq range they occupy in the tenant's chain. */
  public record Accepted(int accepted, long firstSeq, long lastSeq) {}

  /** A query; null fields do not filter. */
  public record Query(String agentId, String connectionId, String action, Instant from, Instant to) {}

  private final Jdbi jdbi;
  private final AppendPipeline pipeline;
  private final Clock clock;

  public EventStore(Jdbi jdbi, AppendPipeline pipeline, Clock clock) {
    this.jdbi = jdbi;
    this.pipeline = pipeline;
    this.clock = clock;
  }

  /**
   * Validates the whole batch, then appends it whole. Each event's audit entry must be within
   * {@link EntrySize#MAX_DATA_BYTES}; an event over it is refused, naming its index, before
   * anything joins a group commit. {@code boundAgentId} is the agent of an
   * agent token (null for ingest tokens): such a caller may report only its own agent's events.
   */
  public Accepted ingest(String tenantId, Actor actor, String boundAgentId, List<NewEvent> events) {
    if (events.isEmpty()) throw Rejected.invalid("events: send at least one event");
    if (events.size() > MAX_BATCH) throw Rejected.invalid("events: at most " + MAX_BATCH + " a request");
    List<String> problems = new ArrayList<>();
    Instant latest = ClockSkew.latest(clock.instant());
    Set<String> agents = new LinkedHashSet<>();
    Set<String> connections = new LinkedHashSet<>();
    String[] canonical = new String[events.size()];
    for (int i = 0; i < events.size(); i++) {
      NewEvent e = events.get(i);
      String at = "events[" + i + "].";
      List<String> shape = shapeProblems(at, e);
      if (!shape.isEmpty()) {
        problems.addAll(shape);
        continue;
      }
      if (boundAgentId != null && !boundAgentId.equals(e.agentId())) {
        throw Rejected.forbidden(at + "agentId: an agent token reports only its own agent's events");
      }
      if (!Scopes.isAction(e.action())) problems.add(at + "action: '" + e.action() + "' is not resource:verb");
      if (!OUTCOMES.contains(e.outcome())) problems.add(at + "outcome: must be success, failure or denied");
      if (e.occurredAt().isAfter(latest)) problems.add(at + "occurredAt: cannot be in the future");
      String attributes = null;
      if (e.attributes() != null) {
        try {
          attributes = CanonicalJson.string(e.attributes());
        } catch (IllegalArgumentException bad) {
          problems.add(at + "attributes: " + bad.getMessage());
          continue;
        }
      }
      canonical[i] = canonicalData(e, attributes);
      // Checked here, though making the entry checks it too, so the refusal names the event.
      String tooLarge = EntrySize.problem(canonical[i]);
      if (tooLarge != null) problems.add(at.substring(0, at.length() - 1) + ": " + tooLarge);
      agents.add(e.agentId());
      connections.add(e.connectionId());
    }
    rejectIf(problems); // every event is well formed before the database is asked about it
    Map<String, List<Grant>> grants = new HashMap<>();
    jdbi.useHandle(h -> {
      EventDao dao = h.attach(EventDao.class);
      for (Grant g : h.attach(GrantDao.class).ofAgents(tenantId, agents)) {
        grants.computeIfAbsent(g.agentId() + "\0" + g.connectionId(), k -> new ArrayList<>()).add(g);
      }
      Set<String> knownAgents = new HashSet<>(dao.existingAgents(tenantId, agents));
      Set<String> knownConnections = new HashSet<>(dao.existingConnections(tenantId, connections));
      for (int i = 0; i < events.size(); i++) {
        if (!knownAgents.contains(events.get(i).agentId())) {
          problems.add("events[" + i + "].agentId: no agent " + events.get(i).agentId() + " in this tenant");
        }
        if (!knownConnections.contains(events.get(i).connectionId())) {
          problems.add("events[" + i + "].connectionId: no connection " + events.get(i).connectionId()
              + " in this tenant");
        }
      }
    });
    rejectIf(problems);
    List<String> covering = new ArrayList<>(events.size());
    for (NewEvent e : events) {
      List<Grant> candidates = grants.getOrDefault(e.agentId() + "\0" + e.connectionId(), List.of());
      covering.add(GrantCoverage.covering(candidates, e.action(), e.occurredAt()).map(Grant::id).orElse(null));
    }
    List<PendingEntry> pending = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      NewEvent e = events.get(i);
      pending.add(entry(actor, e, canonical[i], covering.get(i)));
    }
    List<AuditEntry> stored = pipeline.append(tenantId, pending);
    return new Accepted(stored.size(), stored.get(0).seq(), stored.get(stored.size() - 1).seq());
  }

  /**
   * The audit entry of a reported action, as ingest appends it once the action is valid;
   * {@code grantId} is the grant that covers it, or null. For loaders of a history.
   */
  public static PendingEntry entry(Actor actor, NewEvent e, String grantId) {
    return entry(actor, e, canonicalData(e, e.attributes() == null ? null : CanonicalJson.string(e.attributes())),
        grantId);
  }

  /** {@code canonical} is {@code canonicalData(e, ...)}, already computed by validation. */
  private static PendingEntry entry(Actor actor, NewEvent e, String canonical, String grantId) {
    return new PendingEntry(actor, "event", e.agentId(), data(e),
        new PendingEntry.EventIndex(e.agentId(), e.connectionId(), e.action(), e.occurredAt(), grantId),
        canonical);
  }

  /** An event's audit data; {@link #canonicalData} is its canonical text. */
  static ObjectNode data(NewEvent e) {
    ObjectNode data = AuditData.object().put("agentId", e.agentId()).put("connectionId", e.connectionId())
        .put("action", e.action()).put("resource", e.resource()).put("outcome", e.outcome())
        .put("occurredAt", e.occurredAt().toString()).put("onBehalfOf", e.onBehalfOf());
    if (e.attributes() != null) data.set("attributes", e.attributes());
    return data;
  }

  /**
   * {@code CanonicalJson.string(data(e))}, written directly: the members of an event's data are
   * fixed, so their sorted order is too. {@code attributes} is the canonical text of the
   * event's attributes (or null), already computed by validation. A test holds the two equal.
   */
  static String canonicalData(NewEvent e, String attributes) {
    StringBuilder out = new StringBuilder(256).append("{\"action\":");
    CanonicalJson.appendString(e.action(), out);
    out.append(",\"agentId\":");
    CanonicalJson.appendString(e.agentId(), out);
    if (attributes != null) out.append(",\"attributes\":").append(attributes);
    out.append(",\"connectionId\":");
    CanonicalJson.appendString(e.connectionId(), out);
    out.append(",\"occurredAt\":");
    CanonicalJson.appendString(e.occurredAt().toString(), out);
    out.append(",\"onBehalfOf\":");
    nullable(e.onBehalfOf(), out);
    out.append(",\"outcome\":");
    CanonicalJson.appendString(e.outcome(), out);
    out.append(",\"resource\":");
    nullable(e.resource(), out);
    return out.append('}').toString();
  }

  private static void nullable(String value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else {
      CanonicalJson.appendString(value, out);
    }
  }

  private static void rejectIf(List<String> problems) {
    if (problems.isEmpty()) return;
    throw Rejected.invalid(problems.size() > 5
        ? String.join("; ", problems.subList(0, 5)) + "; and " + (problems.size() - 5) + " more"
        : String.join("; ", problems));
  }

  /**
   * Missing fields and over-long values of one event. Checked here, in the same pass as the
   * rest, rather than by bean validation, which cost more per event than the rest of ingest.
   */
  private static List<String> shapeProblems(String at, NewEvent e) {
    if (e == null) return List.of(at.substring(0, at.length() - 1) + ": must be an event object");
    List<String> out = new ArrayList<>(0);
    required(out, at + "agentId", e.agentId(), ID_MAX);
    required(out, at + "connectionId", e.connectionId(), ID_MAX);
    required(out, at + "action", e.action(), ACTION_MAX);
    if (e.outcome() == null) out.add(at + "outcome: must be success, failure or denied");
    if (e.occurredAt() == null) out.add(at + "occurredAt: must not be null");
    if (e.resource() != null && e.resource().length() > RESOURCE_MAX) {
      out.add(at + "resource: at most " + RESOURCE_MAX + " characters");
    }
    if (e.onBehalfOf() != null && e.onBehalfOf().length() > ON_BEHALF_MAX) {
      out.add(at + "onBehalfOf: at most " + ON_BEHALF_MAX + " characters");
    }
    return out;
  }

  private static void required(List<String> out, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      out.add(field + ": must not be blank");
    } else if (value.length() > max) {
      out.add(field + ": at most " + max + " characters");
    }
  }

  private static final int ID_MAX = 40;
  private static final int ACTION_MAX = 130;
  private static final int RESOURCE_MAX = 2000;
  private static final int ON_BEHALF_MAX = 200;

  /** Up to {@code limit} matching events with seq above {@code afterSeq}, in seq order. */
  public List<AuditEntry> query(String tenantId, Query q, long afterSeq, int limit) {
    Instant from = q.from() == null ? BEGINNING : q.from();
    Instant to = q.to() == null ? END : q.to();
    return jdbi.withExtension(EventDao.class, dao -> {
      if (q.agentId() != null) {
        return dao.byAgent(tenantId, q.agentId(), q.connectionId(), q.action(), from, to, afterSeq, limit);
      }
      if (q.connectionId() != null) {
        return dao.byConnection(tenantId, q.connectionId(), q.action(), from, to, afterSeq, limit);
      }
      if (q.from() != null || q.to() != null) return dao.inWindow(tenantId, q.action(), from, to, afterSeq, limit);
      return dao.all(tenantId, q.action(), from, to, afterSeq, limit);
    });
  }
}
