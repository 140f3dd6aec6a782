package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.audit.AuditLog;
import dev.vigil.collectors.connections.ConnectionStore;
import dev.vigil.collectors.crypto.KeysetDao;
import dev.vigil.collectors.usage.UsageRollups;
import dev.vigil.collectors.verification.ChainCheck;
import dev.vigil.collectors.verification.RollingVerifier;
import dev.vigil.controls.audit.ChainBreak;
import dev.vigil.controls.audit.Checkpoint;
import dev.vigil.controls.catalog.ControlParameters;
import dev.vigil.controls.catalog.Fact;
import dev.vigil.controls.catalog.Facts;
import dev.vigil.controls.catalog.Family;
import dev.vigil.controls.catalog.IncidentControls;
import dev.vigil.controls.catalog.LeastPrivilegeControls;
import dev.vigil.controls.catalog.LoggingControls;
import dev.vigil.controls.catalog.Population;
import dev.vigil.controls.catalog.Snapshot;
import dev.vigil.controls.model.Grant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds a tenant's snapshot from the live tables: only the facts asked for, each with one
 * set-based query (a few for the chain and monitoring facts), all in one read transaction so
 * the facts agree with each other (but for the chain, verified after it). Thread-safe.
 */
public final class SnapshotLoader {

  // Verifying the chain streams up to millions of its entries: not inside the snapshot's transaction.
  /** About 15 MB: ten weeks of one tenant's checkpoints at one a minute. */
  private static final int VERIFIED_NOTES_KEPT = 100_000;
  private static final Set<Fact> OUTSIDE_TRANSACTION = EnumSet.of(Fact.CHAIN);
  // Read from the usage rollups, which are caught up first so that little is left to read from the chain.
  private static final Set<Fact> USAGE = EnumSet.of(Fact.GRANT_LAST_USE, Fact.ACTIONS);

  private final Jdbi jdbi;
  private final ConnectionStore connections;
  private final RollingVerifier chains;
  private final UsageRollups usage;
  private final ControlParameters parameters;
  private final Map<Family, Duration> schedules;
  private final VerifiedNotes notes;

  /**
   * @param publicKey the checkpoint signing key (raw Ed25519), against which LG-1 checks signatures
   * @param schedules each family's schedule interval, against which LG-3 counts missed runs
   */
  public SnapshotLoader(Jdbi jdbi, ConnectionStore connections, AuditLog auditLog, byte[] publicKey,
      ControlParameters parameters, Map<Family, Duration> schedules) {
    this(jdbi, connections, new RollingVerifier(jdbi, auditLog), publicKey, parameters, schedules);
  }

  /** A loader whose LG-1 verifies the chain with {@code chains} (tests take small slices). */
  public SnapshotLoader(Jdbi jdbi, ConnectionStore connections, RollingVerifier chains, byte[] publicKey,
      ControlParameters parameters, Map<Family, Duration> schedules) {
    this.jdbi = jdbi;
    this.connections = connections;
    this.chains = chains;
    this.usage = new UsageRollups(jdbi);
    this.notes = new VerifiedNotes(Checkpoint.KEY_NAME, publicKey, VERIFIED_NOTES_KEPT);
    this.parameters = parameters;
    this.schedules = Map.copyOf(schedules);
  }

  /**
   * The schedule interval of {@code family}'s sweeps, which every run of it records.
   *
   * @throws IllegalArgumentException when the loader was given no schedule for it
   */
  public Duration schedule(Family family) {
    Duration d = schedules.get(family);
    if (d == null) throw new IllegalArgumentException("no schedule for family " + family.wire());
    return d;
  }

  private boolean tenantExists(String tenantId) {
    return jdbi.withExtension(SnapshotDao.class, dao -> dao.tenantCreatedAt(tenantId)).isPresent();
  }

  /** Every tenant's id, in order. */
  public List<String> tenantIds() {
    return jdbi.withExtension(SnapshotDao.class, SnapshotDao::tenantIds);
  }

  /**
   * The snapshot of {@code tenantId} at {@code now} with {@code needs} loaded.
   *
   * @throws IllegalArgumentException when the tenant does not exist
   */
  public Snapshot load(String tenantId, Set<Fact> needs, Instant now) {
    // Outside the snapshot's transaction: a catch-up commits batch by batch. The reads are exact without it.
    if (needs.stream().anyMatch(USAGE::contains) && tenantExists(tenantId)) usage.catchUp(tenantId, now);
    Snapshot.Builder b = jdbi.inTransaction(h -> {
      SnapshotDao dao = h.attach(SnapshotDao.class);
      Instant created = dao.tenantCreatedAt(tenantId)
          .orElseThrow(() -> new IllegalArgumentException("no tenant " + tenantId));
      Snapshot.Builder facts = Snapshot.builder(tenantId, created).exceptions(dao.unexpiredExceptions(tenantId, now));
      for (Fact fact : needs) {
        if (!OUTSIDE_TRANSACTION.contains(fact)) load(h, facts, fact, now);
      }
      return facts;
    });
    for (Fact fact : needs) {
      if (OUTSIDE_TRANSACTION.contains(fact)) jdbi.useHandle(h -> load(h, b, fact, now));
    }
    return b.build();
  }

  /**
   * A snapshot holding only the facts of the members a change named, for a memberwise control's
   * re-check: {@code grantIds} are the grants named (by id, or held by a named agent), whatever
   * their state; {@code agentIds} the agents named and the holders of those grants. The active
   * grants and the agents in the snapshot are these, no others; a finding about any of them
   * follows the re-check, a finding about any other member stays as it is.
   */
  public record Rechecked(Snapshot snapshot, Set<String> grantIds, Set<String> agentIds) {
    public Rechecked {
      grantIds = Set.copyOf(grantIds);
      agentIds = Set.copyOf(agentIds);
    }

    /** The members of {@code population} the re-check covers. */
    public Set<String> members(Population population) {
      return switch (population) {
        case GRANTS -> grantIds;
        case AGENTS -> agentIds;
        default -> throw new IllegalArgumentException("no memberwise re-check of " + population.wire());
      };
    }
  }

  /**
   * The snapshot of {@code tenantId} at {@code now} with {@code needs} loaded for the members
   * {@code scope} names alone (see {@link Rechecked}); facts that are not about grants or agents
   * load whole.
   *
   * @throws IllegalArgumentException when the tenant does not exist
   */
  public Rechecked load(String tenantId, Set<Fact> needs, Instant now, ChangeScope scope) {
    if (needs.contains(Fact.CHAIN)) throw new IllegalArgumentException("the chain is not re-checked member by member");
    return jdbi.inTransaction(h -> {
      SnapshotDao dao = h.attach(SnapshotDao.class);
      Instant created = dao.tenantCreatedAt(tenantId)
          .orElseThrow(() -> new IllegalArgumentException("no tenant " + tenantId));
      Set<String> grantIds = new TreeSet<>(scope.grantIds());
      Set<String> agentIds = new TreeSet<>(scope.agentIds());
      for (SnapshotDao.Held g : dao.grantsNamed(tenantId, scope.grantIds(), scope.agentIds())) {
        grantIds.add(g.grantId());
        agentIds.add(g.agentId());
      }
      Snapshot.Builder b = Snapshot.builder(tenantId, created).exceptions(dao.unexpiredExceptions(tenantId, now));
      List<Grant> active = needs.contains(Fact.ACTIVE_GRANTS) ? dao.activeGrantsIn(tenantId, now, grantIds) : List.of();
      for (Fact fact : needs) {
        switch (fact) {
          case ACTIVE_GRANTS -> b.activeGrants(active);
          case AGENTS -> b.agents(dao.agentsIn(tenantId, agentIds));
          // The last uses of the grants re-checked; none is needed when none of them is active.
          case GRANT_LAST_USE -> {
            if (active.isEmpty()) {
              b.grantLastUse(Map.of());
            } else {
              load(h, b, fact, now);
            }
          }
          default -> load(h, b, fact, now);
        }
      }
      return new Rechecked(b.build(), grantIds, agentIds);
    });
  }

  /**
   * Loads one fact into {@code b}. A switch expression, so a fact without a loader does not
   * compile.
   */
  private Snapshot.Builder load(Handle h, Snapshot.Builder b, Fact fact, Instant now) {
    SnapshotDao dao = h.attach(SnapshotDao.class);
    String tenantId = b.tenantId();
    return switch (fact) {
      case AGENTS -> b.agents(dao.agents(tenantId));
      case USERS -> b.users(dao.users(tenantId));
      case ACTIVE_GRANTS -> b.activeGrants(dao.activeGrants(tenantId, now));
      case GRANT_LAST_USE -> b.grantLastUse(usage.grantLastUse(h, tenantId,
          now.minus(Duration.ofDays(parameters.get(LeastPrivilegeControls.UNUSED_GRANT_DAYS)))));
      case LAST_ACCESS_REVIEWS -> b.lastAccessReviews(toMap(dao.lastAccessReviews(tenantId)));
      case ACTIONS -> b.actions(actions(h, tenantId,
          now.minus(Duration.ofHours(parameters.get(LeastPrivilegeControls.ACTION_LOOKBACK_HOURS)))));
      case CREDENTIALS -> b.credentials(connections.checkCredentials(h, tenantId));
      case KEYS -> b.keys(h.attach(KeysetDao.class).keys(tenantId));
      case CONNECTIONS -> b.connections(dao.connections(tenantId));
      case CHAIN -> b.chain(chain(dao, tenantId, now));
      case RETENTION -> b.retention(retention(dao.extent(tenantId)));
      case MONITORING -> b.monitoring(monitoring(dao, tenantId, b.tenantCreatedAt(), now));
      case VENDORS -> b.vendors(dao.vendors(tenantId));
      case VENDOR_REVIEWS -> b.vendorReviews(dao.vendorReviews(tenantId));
      case INCIDENTS -> b.incidents(dao.incidentsSince(tenantId,
          now.minus(Duration.ofDays(parameters.get(IncidentControls.INCIDENT_LOOKBACK_DAYS)))));
    };
  }

  private Facts.Actions actions(Handle h, String tenantId, Instant since) {
    List<Facts.OutsideAction> outside = usage.actionsOutsideGrants(h, tenantId, since).stream()
        .map(r -> new Facts.OutsideAction(r.agentId(), r.connectionId(), r.action(), r.count(), r.firstAt(),
            r.lastAt()))
        .toList();
    return new Facts.Actions(since, usage.actionsSince(h, tenantId, since), outside);
  }

  private static Facts.Retention retention(SnapshotDao.ExtentRow e) {
    return e.count() == 0
        ? new Facts.Retention(0, 0, 0, null)
        : new Facts.Retention(e.firstSeq(), e.lastSeq(), e.count(), e.firstAt());
  }

  /**
   * LG-1's facts: the chain verified from where the last run left it (the entries appended
   * since and a slice of the older ones, {@link RollingVerifier}), and every checkpoint.
   * Without a logging schedule each run takes the rest of the rolling pass.
   */
  private Facts.Chain chain(SnapshotDao dao, String tenantId, Instant now) {
    Duration period = Duration.ofHours(parameters.get(LoggingControls.FULL_VERIFICATION_HOURS));
    ChainCheck v = chains.verify(tenantId, now, schedules.getOrDefault(Family.LOGGING, Duration.ZERO), period);
    List<ChainBreak> bad = new ArrayList<>();
    List<SnapshotDao.CheckpointRow> rows = dao.checkpointsWithEntries(tenantId);
    for (SnapshotDao.CheckpointRow c : rows) {
      if (!notes.verify(c.note())) {
        bad.add(new ChainBreak(c.size(), "its signature does not verify with the audit signing key"));
      } else if (c.entryHash() == null) {
        bad.add(new ChainBreak(c.size(), "it covers " + c.size() + " entries but entry " + c.size() + " is missing"));
      } else if (!c.entryHash().equals(c.headHash())) {
        bad.add(new ChainBreak(c.size(), "its head hash differs from the stored hash of entry " + c.size()));
      }
    }
    return new Facts.Chain(v.length(), v.breaks(), rows.size(), bad, v.scope());
  }

  private Facts.Monitoring monitoring(SnapshotDao dao, String tenantId, Instant created, Instant now) {
    Instant since = now.minus(Duration.ofHours(parameters.get(LoggingControls.MONITORING_LOOKBACK_HOURS)));
    Optional<SnapshotDao.CoverageRow> before = dao.checkpointBefore(tenantId, since);
    List<SnapshotDao.CoverageRow> rows = new ArrayList<>();
    before.ifPresent(rows::add);
    rows.addAll(dao.checkpointsSince(tenantId, since));
    List<Facts.CheckpointCoverage> coverage = new ArrayList<>();
    if (before.isEmpty()) {
      // No checkpoint precedes the window: the first run of entries starts at seq 1.
      dao.entryTime(tenantId, 1).ifPresent(first -> coverage.add(
          new Facts.CheckpointCoverage(1, first, rows.isEmpty() ? null : rows.get(0).issuedAt())));
    }
    for (int i = 0; i < rows.size(); i++) {
      SnapshotDao.CoverageRow r = rows.get(i);
      if (r.nextEntryAt() == null) continue;
      Instant coveredAt = i + 1 < rows.size() ? rows.get(i + 1).issuedAt() : null;
      coverage.add(new Facts.CheckpointCoverage(r.size() + 1, r.nextEntryAt(), coveredAt));
    }
    Map<String, Long> recorded = new HashMap<>();
    for (SnapshotDao.ScheduleCount c : dao.scheduledRuns(tenantId, since)) recorded.put(c.family(), c.recorded());
    List<Facts.Schedule> counted = new ArrayList<>();
    for (Map.Entry<Family, Duration> s : schedules.entrySet()) {
      // Runs are due from when both the tenant and the schedule existed, within the window.
      Instant start = latest(latest(since, created), dao.firstSweep(s.getKey().wire()).orElse(now));
      counted.add(new Facts.Schedule(s.getKey(), s.getValue(), start, recorded.getOrDefault(s.getKey().wire(), 0L)));
    }
    counted.sort(Comparator.comparing(Facts.Schedule::family));
    return new Facts.Monitoring(coverage, counted);
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Map<String, Instant> toMap(List<SnapshotDao.KeyedTime> rows) {
    Map<String, Instant> map = new HashMap<>();
    for (SnapshotDao.KeyedTime r : rows) map.put(r.key(), r.at());
    return map;
  }
}
