package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.agents.AgentDao;
import dev.vigil.collectors.connections.ConnectionDao;
import dev.vigil.collectors.exceptions.ExceptionDao;
import dev.vigil.collectors.grants.GrantDao;
import dev.vigil.collectors.grants.GrantMapper;
import dev.vigil.collectors.incidents.IncidentDao;
import dev.vigil.collectors.tenancy.UserDao;
import dev.vigil.collectors.vendors.VendorDao;
import dev.vigil.controls.model.Agent;
import dev.vigil.controls.model.Connection;
import dev.vigil.controls.model.ControlException;
import dev.vigil.controls.model.Grant;
import dev.vigil.controls.model.Incident;
import dev.vigil.controls.model.User;
import dev.vigil.controls.model.Vendor;
import dev.vigil.controls.model.VendorReview;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindList.EmptyHandling;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The set-based queries behind control snapshots: each reads one kind of fact for a whole
 * tenant in one statement (never one query per agent or grant), over the indexes the
 * schema keeps for them.
 */
@RegisterConstructorMapper(Agent.class)
@RegisterConstructorMapper(User.class)
@RegisterConstructorMapper(Connection.class)
@RegisterConstructorMapper(Vendor.class)
@RegisterConstructorMapper(VendorReview.class)
@RegisterConstructorMapper(Incident.class)
@RegisterConstructorMapper(ControlException.class)
@RegisterRowMapper(GrantMapper.class)
public interface SnapshotDao {

  /** A key and a time: one row of a "latest per member" aggregate. */
  record KeyedTime(String key, Instant at) {}

  /** A group of reported actions outside every grant. */
  record OutsideRow(String agentId, String connectionId, String action, long count, Instant firstAt, Instant lastAt) {}

  /** The audit table's extent for a tenant. */
  record ExtentRow(Long firstSeq, Long lastSeq, long count, Instant firstAt) {}

  /** A checkpoint with the time of the first entry after it (null when none is). */
  record CoverageRow(long size, Instant issuedAt, Instant nextEntryAt) {}

  /** A stored checkpoint beside the recorded hash of the entry it claims as head (null if missing). */
  record CheckpointRow(long size, String headHash, String note, String entryHash) {}

  /** Scheduled runs recorded for a family since a moment. */
  record ScheduleCount(String family, long recorded) {}

  @SqlQuery("SELECT created_at FROM tenants WHERE id = :tenantId")
  Optional<Instant> tenantCreatedAt(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT id FROM tenants ORDER BY id")
  List<String> tenantIds();

  @SqlQuery("SELECT " + ExceptionDao.COLUMNS + " FROM control_exceptions "
      + "WHERE tenant_id = :tenantId AND expires_at > :now AND revoked_at IS NULL")
  List<ControlException> unexpiredExceptions(@Bind("tenantId") String tenantId, @Bind("now") Instant now);

  @SqlQuery("SELECT " + AgentDao.COLUMNS + " FROM agents WHERE tenant_id = :tenantId")
  List<Agent> agents(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT " + UserDao.COLUMNS + " FROM users WHERE tenant_id = :tenantId")
  List<User> users(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT " + GrantDao.COLUMNS + " FROM grants WHERE tenant_id = :tenantId" + GrantDao.ACTIVE)
  List<Grant> activeGrants(@Bind("tenantId") String tenantId, @Bind("now") Instant now);

  /** A grant and the agent holding it. */
  record Held(String grantId, String agentId) {}

  /** The grants, whatever their state, that a change names: by id, or held by one of its agents. */
  @SqlQuery("""
      SELECT id AS grant_id, agent_id FROM grants
      WHERE tenant_id = :tenantId AND (id IN (<grantIds>) OR agent_id IN (<agentIds>))
      """)
  @RegisterConstructorMapper(Held.class)
  List<Held> grantsNamed(@Bind("tenantId") String tenantId,
      @BindList(value = "grantIds", onEmpty = EmptyHandling.NULL_STRING) Collection<String> grantIds,
      @BindList(value = "agentIds", onEmpty = EmptyHandling.NULL_STRING) Collection<String> agentIds);

  @SqlQuery("SELECT " + GrantDao.COLUMNS + " FROM grants WHERE tenant_id = :tenantId AND id IN (<ids>)"
      + GrantDao.ACTIVE)
  List<Grant> activeGrantsIn(@Bind("tenantId") String tenantId, @Bind("now") Instant now,
      @BindList(value = "ids", onEmpty = EmptyHandling.NULL_STRING) Collection<String> ids);

  @SqlQuery("SELECT " + AgentDao.COLUMNS + " FROM agents WHERE tenant_id = :tenantId AND id IN (<ids>)")
  List<Agent> agentsIn(@Bind("tenantId") String tenantId,
      @BindList(value = "ids", onEmpty = EmptyHandling.NULL_STRING) Collection<String> ids);

  /**
   * The latest use of each grant since {@code since}: allowed decisions, leases and covered
   * actions. Scans the window; the controls read the same from the usage rollups, and this stays
   * as their definition, which the rollup tests compare them with.
   */
  @SqlQuery("""
      SELECT grant_id AS "key", MAX(event_time) AS at FROM audit_entries
      WHERE tenant_id = :tenantId AND event_time >= :since AND grant_id IS NOT NULL
      GROUP BY grant_id
      """)
  @RegisterConstructorMapper(KeyedTime.class)
  List<KeyedTime> grantLastUse(@Bind("tenantId") String tenantId, @Bind("since") Instant since);

  @SqlQuery("""
      SELECT agent_id AS "key", MAX(reviewed_at) AS at FROM access_reviews
      WHERE tenant_id = :tenantId GROUP BY agent_id
      """)
  @RegisterConstructorMapper(KeyedTime.class)
  List<KeyedTime> lastAccessReviews(@Bind("tenantId") String tenantId);

  /** The reported actions since {@code since}: the definition the usage rollups' answer is tested against. */
  @SqlQuery("""
      SELECT COUNT(*) FROM audit_entries
      WHERE tenant_id = :tenantId AND event_time >= :since AND kind = 'event'
      """)
  long actionsSince(@Bind("tenantId") String tenantId, @Bind("since") Instant since);

  /** The groups of actions outside every grant: the definition the usage rollups' answer is tested against. */
  @SqlQuery("""
      SELECT agent_id, connection_id, action, COUNT(*) AS count, MIN(event_time) AS first_at,
        MAX(event_time) AS last_at
      FROM audit_entries
      WHERE tenant_id = :tenantId AND event_time >= :since AND kind = 'event' AND grant_id IS NULL
      GROUP BY agent_id, connection_id, action
      ORDER BY agent_id, connection_id, action
      """)
  @RegisterConstructorMapper(OutsideRow.class)
  List<OutsideRow> actionsOutsideGrants(@Bind("tenantId") String tenantId, @Bind("since") Instant since);

  /** The connections in use: a retired one has no credential and no grants, and is no longer examined. */
  @SqlQuery("SELECT " + ConnectionDao.COLUMNS + " FROM connections WHERE tenant_id = :tenantId AND retired_at IS NULL")
  List<Connection> connections(@Bind("tenantId") String tenantId);

  @SqlQuery("""
      SELECT MIN(seq) AS first_seq, MAX(seq) AS last_seq, COUNT(*) AS count,
        (SELECT f.occurred_at FROM audit_entries f WHERE f.tenant_id = :tenantId ORDER BY f.seq LIMIT 1) AS first_at
      FROM audit_entries WHERE tenant_id = :tenantId
      """)
  @RegisterConstructorMapper(ExtentRow.class)
  ExtentRow extent(@Bind("tenantId") String tenantId);

  /** Checkpoints issued since {@code since}, and the one before them, each with the next entry's time. */
  @SqlQuery("""
      SELECT c.size, c.issued_at, e.occurred_at AS next_entry_at
      FROM checkpoints c
      LEFT JOIN audit_entries e ON e.tenant_id = c.tenant_id AND e.seq = c.size + 1
      WHERE c.tenant_id = :tenantId AND c.issued_at >= :since
      ORDER BY c.size
      """)
  @RegisterConstructorMapper(CoverageRow.class)
  List<CoverageRow> checkpointsSince(@Bind("tenantId") String tenantId, @Bind("since") Instant since);

  @SqlQuery("""
      SELECT c.size, c.issued_at, e.occurred_at AS next_entry_at
      FROM checkpoints c
      LEFT JOIN audit_entries e ON e.tenant_id = c.tenant_id AND e.seq = c.size + 1
      WHERE c.tenant_id = :tenantId AND c.issued_at < :before
      ORDER BY c.size DESC LIMIT 1
      """)
  @RegisterConstructorMapper(CoverageRow.class)
  Optional<CoverageRow> checkpointBefore(@Bind("tenantId") String tenantId, @Bind("before") Instant before);

  @SqlQuery("""
      SELECT c.size, c.head_hash, c.note, e.hash AS entry_hash
      FROM checkpoints c
      LEFT JOIN audit_entries e ON e.tenant_id = c.tenant_id AND e.seq = c.size
      WHERE c.tenant_id = :tenantId
      ORDER BY c.size
      """)
  @RegisterConstructorMapper(CheckpointRow.class)
  List<CheckpointRow> checkpointsWithEntries(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT occurred_at FROM audit_entries WHERE tenant_id = :tenantId AND seq = :seq")
  Optional<Instant> entryTime(@Bind("tenantId") String tenantId, @Bind("seq") long seq);

  @SqlQuery("""
      SELECT family, COUNT(DISTINCT scheduled_for) AS recorded FROM control_runs
      WHERE tenant_id = :tenantId AND run_trigger = 'SCHEDULE' AND scheduled_for >= :since
      GROUP BY family
      """)
  @RegisterConstructorMapper(ScheduleCount.class)
  List<ScheduleCount> scheduledRuns(@Bind("tenantId") String tenantId, @Bind("since") Instant since);

  @SqlQuery("SELECT MIN(scheduled_for) FROM control_sweeps WHERE family = :family")
  Optional<Instant> firstSweep(@Bind("family") String family);

  @SqlQuery("SELECT " + VendorDao.COLUMNS + " FROM vendors WHERE tenant_id = :tenantId")
  List<Vendor> vendors(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT " + VendorDao.REVIEW_COLUMNS + " FROM vendor_reviews WHERE tenant_id = :tenantId")
  List<VendorReview> vendorReviews(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT " + IncidentDao.COLUMNS + " FROM incidents WHERE tenant_id = :tenantId AND detected_at >= :since")
  List<Incident> incidentsSince(@Bind("tenantId") String tenantId, @Bind("since") Instant since);
}
