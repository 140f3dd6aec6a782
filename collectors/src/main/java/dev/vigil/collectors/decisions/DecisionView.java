package dev.vigil.collectors.decisions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vigil.collectors.agents.AgentDao;
import dev.vigil.collectors.audit.AuditDao;
import dev.vigil.collectors.connections.ConnectionDao;
import dev.vigil.collectors.grants.GrantDao;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.Grant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One node's in-memory copy of what decisions read, per (tenant, agent, connection): the agent,
 * the connection and the agent's grants on it. Entries load on demand and the view holds at
 * most {@code maxEntries} of them (least recently used go first).
 *
 * <p>Each entry is stamped with the tenant's policy version read <em>before</em> its facts, so
 * its facts include every change up to that version. The view also knows, per tenant, the
 * newest version it has seen committed; an entry stamped older is not used (it may miss a
 * change) but reloaded. A decision made from an entry records the entry's stamp, and the group
 * commit re-decides it if the version moved by the time it appends it ({@link
 * dev.vigil.collectors.audit.Decided}): the view may lag, the chain never does. Thread-safe.
 */
public final class DecisionView {

  /** What a decision on (agent, connection) reads, as of policy {@code version} or later. */
  public record Facts(Optional<Agent> agent, Optional<Connection> connection, List<Grant> grants, long version) {}

  private record Key(String tenantId, String agentId, String connectionId) {}

  private final Jdbi jdbi;
  private final Cache<Key, Facts> entries;
  // One number per tenant, never evicted: forgetting a tenant's version would let its stale
  // entries pass for current.
  private final ConcurrentHashMap<String, AtomicLong> known = new ConcurrentHashMap<>();

  /** A view over {@code jdbi} holding at most {@code maxEntries} (tenant, agent, connection) entries. */
  public DecisionView(Jdbi jdbi, long maxEntries) {
    this.jdbi = jdbi;
    this.entries = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  /** The facts of a decision, from memory when the entry is current, else loaded. */
  public Facts facts(String tenantId, String agentId, String connectionId) {
    Key key = new Key(tenantId, agentId, connectionId);
    long newest = known(tenantId).get();
    Facts held = entries.getIfPresent(key);
    if (held != null && held.version() >= newest) return held;
    // One load per key at a time: a burst of requests for a cold or stale key waits for it.
    return entries.asMap().compute(key, (k, old) -> old != null && old.version() >= known(tenantId).get()
        ? old
        : jdbi.withHandle(h -> load(h, k, h.attach(AuditDao.class).policyVersion(tenantId))));
  }

  /**
   * Reads the facts again through {@code h}, a transaction that holds the tenant's chain head
   * locked at policy {@code version} (no change can commit meanwhile), and keeps them.
   */
  public Facts reload(Handle h, String tenantId, String agentId, String connectionId, long version) {
    Key key = new Key(tenantId, agentId, connectionId);
    // An entry loaded at this version holds exactly what the database holds now: every change
    // that could alter it moves the version, and none can commit while the head is locked.
    // Several stale decisions on one key in a group read it once.
    known(tenantId).accumulateAndGet(version, Math::max);
    Facts held = entries.getIfPresent(key);
    if (held != null && held.version() >= version) return held;
    Facts fresh = load(h, key, version);
    entries.asMap().merge(key, fresh, (old, mine) -> old.version() > mine.version() ? old : mine);
    return fresh;
  }

  /** The newest policy version of the tenant this view has seen committed (0 before any). */
  public long newest(String tenantId) {
    return known(tenantId).get();
  }

  /** How many entries the view holds (approximately; for metrics and tests). */
  public long size() {
    return entries.estimatedSize();
  }

  private Facts load(Handle h, Key key, long version) {
    // The version was read before these: they hold every change up to it, maybe later ones.
    Optional<Agent> agent = h.attach(AgentDao.class).find(key.tenantId(), key.agentId());
    Optional<Connection> connection = h.attach(ConnectionDao.class).find(key.tenantId(), key.connectionId());
    List<Grant> grants = agent.isPresent() && connection.isPresent()
        ? h.attach(GrantDao.class).ofAgentOnConnection(key.tenantId(), key.agentId(), key.connectionId())
        : List.of();
    known(key.tenantId()).accumulateAndGet(version, Math::max);
    return new Facts(agent, connection, List.copyOf(grants), version);
  }

  private AtomicLong known(String tenantId) {
    return known.computeIfAbsent(tenantId, t -> new AtomicLong());
  }
}
