package dev.vigil.collectors.usage;

import dev.vigil.collectors.monitoring.SnapshotDao;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The rollups' SQL. A fold reads the entries with {@code :from < seq <= :to} (the primary key's
 * range) grouped as each rollup keeps them; a rebuild inserts the same groups over the whole
 * chain. The reads combine the rollups with the entries after the watermark, read in the same
 * statement so that a fold committing meanwhile is seen either whole or not at all.
 */
@RegisterConstructorMapper(SnapshotDao.KeyedTime.class)
@RegisterConstructorMapper(SnapshotDao.OutsideRow.class)
public interface UsageDao {

  /** An entry's hour: whole seconds since 1970 over 3600, as {@link Hours} computes it in Java. */
  String EPOCH_HOUR = "CAST(FLOOR(EXTRACT(EPOCH FROM event_time)) AS BIGINT) / 3600";
  /** The entries a fold takes. */
  String RANGE = "tenant_id = :tenantId AND seq > :from AND seq <= :to";
  /** The entries not folded yet, which a read takes from the chain (0 when nothing was folded). */
  String WATERMARK = "COALESCE((SELECT w.seq FROM usage_watermarks w WHERE w.tenant_id = :tenantId), 0)";
  /**
   * The entries after the watermark. {@code :seen} is the watermark as read just before (it
   * only grows, so it bounds the statement's own from below): with a value the planner can
   * see, it reads the few entries at the chain's end through the primary key instead of
   * expecting a third of the chain after an unknown value and scanning it.
   */
  String UNFOLDED = "seq > :seen AND seq > " + WATERMARK;

  String GRANTS = "SELECT grant_id, MAX(event_time) AS last_at FROM audit_entries WHERE " + RANGE
      + " AND grant_id IS NOT NULL AND event_time IS NOT NULL GROUP BY grant_id";
  String ACTION_HOURS = "SELECT epoch_hour, COUNT(*) AS actions FROM (SELECT " + EPOCH_HOUR
      + " AS epoch_hour FROM audit_entries WHERE " + RANGE + " AND kind = 'event' AND event_time IS NOT NULL) e"
      + " GROUP BY epoch_hour";
  String OUTSIDE_HOURS = "SELECT epoch_hour, agent_id, connection_id, action, COUNT(*) AS actions,"
      + " MIN(event_time) AS first_at, MAX(event_time) AS last_at FROM (SELECT " + EPOCH_HOUR
      + " AS epoch_hour, agent_id, connection_id, action, event_time FROM audit_entries WHERE " + RANGE
      + " AND kind = 'event' AND grant_id IS NULL AND event_time IS NOT NULL) e"
      + " GROUP BY epoch_hour, agent_id, connection_id, action";

  /** A rollup row of one grant. */
  record GrantRow(String grantId, Instant lastAt) {}

  /** A rollup row of one hour's actions. */
  record ActionHourRow(long epochHour, long actions) {}

  /** A rollup row of one hour's actions outside every grant by one agent on one connection. */
  record OutsideHourRow(long epochHour, String agentId, String connectionId, String action, long actions,
      Instant firstAt, Instant lastAt) {}

  @SqlQuery("SELECT seq FROM usage_watermarks WHERE tenant_id = :tenantId FOR UPDATE")
  Optional<Long> lockWatermark(@Bind("tenantId") String tenantId);

  @SqlUpdate("INSERT INTO usage_watermarks (tenant_id, seq, updated_at) VALUES (:tenantId, 0, :now)")
  void createWatermark(@Bind("tenantId") String tenantId, @Bind("now") Instant now);

  @SqlUpdate("UPDATE usage_watermarks SET seq = :seq, updated_at = :now WHERE tenant_id = :tenantId")
  void moveWatermark(@Bind("tenantId") String tenantId, @Bind("seq") long seq, @Bind("now") Instant now);

  @SqlQuery("SELECT seq FROM usage_watermarks WHERE tenant_id = :tenantId")
  Optional<Long> watermark(@Bind("tenantId") String tenantId);

  /** The three folds of the entries {@code :from < seq <= :to} into the rollups, as each database runs them. */
  interface Folds {
    void foldGrants(String tenantId, long from, long to);

    void foldActionHours(String tenantId, long from, long to);

    void foldOutsideHours(String tenantId, long from, long to);
  }

  /** The folds on H2: {@code MERGE}, each group joined to its rollup row by the primary key. */
  interface OnH2 extends Folds {
    @SqlUpdate("MERGE INTO usage_grants u USING (" + GRANTS + ") s"
        + " ON u.tenant_id = :tenantId AND u.grant_id = s.grant_id"
        + " WHEN MATCHED AND s.last_at > u.last_at THEN UPDATE SET last_at = s.last_at"
        + " WHEN NOT MATCHED THEN INSERT (tenant_id, grant_id, last_at) VALUES (:tenantId, s.grant_id, s.last_at)")
    @Override
    void foldGrants(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

    @SqlUpdate("MERGE INTO usage_action_hours u USING (" + ACTION_HOURS + ") s"
        + " ON u.tenant_id = :tenantId AND u.epoch_hour = s.epoch_hour"
        + " WHEN MATCHED THEN UPDATE SET actions = u.actions + s.actions"
        + " WHEN NOT MATCHED THEN INSERT (tenant_id, epoch_hour, actions) VALUES (:tenantId, s.epoch_hour, s.actions)")
    @Override
    void foldActionHours(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

    @SqlUpdate("MERGE INTO usage_outside_hours u USING (" + OUTSIDE_HOURS + ") s"
        + " ON u.tenant_id = :tenantId AND u.epoch_hour = s.epoch_hour AND u.agent_id = s.agent_id"
        + " AND u.connection_id = s.connection_id AND u.action = s.action"
        + " WHEN MATCHED THEN UPDATE SET actions = u.actions + s.actions, first_at = LEAST(u.first_at, s.first_at),"
        + " last_at = GREATEST(u.last_at, s.last_at)"
        + " WHEN NOT MATCHED THEN INSERT (tenant_id, epoch_hour, agent_id, connection_id, action, actions, first_at,"
        + " last_at) VALUES (:tenantId, s.epoch_hour, s.agent_id, s.connection_id, s.action, s.actions, s.first_at,"
        + " s.last_at)")
    @Override
    void foldOutsideHours(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);
  }

  /**
   * The folds on PostgreSQL. {@code INSERT ... ON CONFLICT} finds each group's row through the
   * primary key whatever the planner believes; H2's {@code MERGE} joins the groups to the
   * rollup, and with statistics from before a rebuild (the rollup one row, the new range of the
   * chain one entry) PostgreSQL planned a nested loop that rescanned the tenant's 2 million
   * rollup rows for each of an hour's 28,000 groups: the fold did not finish in an hour
   * (docs/benchmarks.md). Each statement keeps its MERGE's meaning.
   */
  interface OnPostgres extends Folds {
    @SqlUpdate("INSERT INTO usage_grants (tenant_id, grant_id, last_at) SELECT :tenantId, grant_id, last_at FROM ("
        + GRANTS + ") s ON CONFLICT (tenant_id, grant_id) DO UPDATE SET last_at = EXCLUDED.last_at"
        + " WHERE EXCLUDED.last_at > usage_grants.last_at")
    @Override
    void foldGrants(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

    @SqlUpdate("INSERT INTO usage_action_hours (tenant_id, epoch_hour, actions) SELECT :tenantId, epoch_hour,"
        + " actions FROM (" + ACTION_HOURS + ") s ON CONFLICT (tenant_id, epoch_hour)"
        + " DO UPDATE SET actions = usage_action_hours.actions + EXCLUDED.actions")
    @Override
    void foldActionHours(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

    @SqlUpdate("INSERT INTO usage_outside_hours (tenant_id, epoch_hour, agent_id, connection_id, action, actions,"
        + " first_at, last_at) SELECT :tenantId, epoch_hour, agent_id, connection_id, action, actions, first_at,"
        + " last_at FROM (" + OUTSIDE_HOURS + ") s ON CONFLICT (tenant_id, epoch_hour, agent_id, connection_id, action)"
        + " DO UPDATE SET actions = usage_outside_hours.actions + EXCLUDED.actions,"
        + " first_at = LEAST(usage_outside_hours.first_at, EXCLUDED.first_at),"
        + " last_at = GREATEST(usage_outside_hours.last_at, EXCLUDED.last_at)")
    @Override
    void foldOutsideHours(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

    /**
     * Planner statistics for the rollups after a rebuild filled them: without them (autovacuum
     * off, or not yet run) PostgreSQL plans the readers for tables it believes empty.
     */
    @SqlUpdate("ANALYZE usage_grants, usage_action_hours, usage_outside_hours")
    void analyze();
  }

  // A rebuild starts from empty rollups: plain inserts of the groups, no lookups.
  @SqlUpdate("INSERT INTO usage_grants (tenant_id, grant_id, last_at) SELECT :tenantId, grant_id, last_at FROM ("
      + GRANTS + ") s")
  void insertGrants(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

  @SqlUpdate("INSERT INTO usage_action_hours (tenant_id, epoch_hour, actions) SELECT :tenantId, epoch_hour, actions"
      + " FROM (" + ACTION_HOURS + ") s")
  void insertActionHours(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

  @SqlUpdate("INSERT INTO usage_outside_hours (tenant_id, epoch_hour, agent_id, connection_id, action, actions,"
      + " first_at, last_at) SELECT :tenantId, epoch_hour, agent_id, connection_id, action, actions, first_at, last_at"
      + " FROM (" + OUTSIDE_HOURS + ") s")
  void insertOutsideHours(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

  @SqlUpdate("DELETE FROM usage_grants WHERE tenant_id = :tenantId")
  void deleteGrants(@Bind("tenantId") String tenantId);

  @SqlUpdate("DELETE FROM usage_action_hours WHERE tenant_id = :tenantId")
  void deleteActionHours(@Bind("tenantId") String tenantId);

  @SqlUpdate("DELETE FROM usage_outside_hours WHERE tenant_id = :tenantId")
  void deleteOutsideHours(@Bind("tenantId") String tenantId);

  // What a rollup holds, or what folding the chain from its first entry gives: the rebuild test compares them.
  @SqlQuery("SELECT grant_id, last_at FROM usage_grants WHERE tenant_id = :tenantId ORDER BY grant_id")
  @RegisterConstructorMapper(GrantRow.class)
  List<GrantRow> grants(@Bind("tenantId") String tenantId);

  @SqlQuery(GRANTS + " ORDER BY grant_id")
  @RegisterConstructorMapper(GrantRow.class)
  List<GrantRow> chainGrants(@Bind("tenantId") String tenantId, @Bind("from") long from, @Bind("to") long to);

  @SqlQuery("SELECT epoch_hour, actions FROM usage_action_hours WHERE tenant_id = :tenantId ORDER BY epoch_hour")
  @RegisterConstructorMapper(ActionHourRow.class)
  List<ActionHourRow> actionHours(@Bind("tenantId") String tenantId);

  @SqlQuery(ACTION_HOURS + " ORDER BY epoch_hour")
  @RegisterConstructorMapper(ActionHourRow.class)
  List<ActionHourRow> chainActionHours(@Bind("tenantId") String tenantId, @Bind("from") long from,
      @Bind("to") long to);

  @SqlQuery("SELECT epoch_hour, agent_id, connection_id, action, actions, first_at, last_at FROM usage_outside_hours"
      + " WHERE tenant_id = :tenantId ORDER BY epoch_hour, agent_id, connection_id, action")
  @RegisterConstructorMapper(OutsideHourRow.class)
  List<OutsideHourRow> outsideHours(@Bind("tenantId") String tenantId);

  @SqlQuery(OUTSIDE_HOURS + " ORDER BY epoch_hour, agent_id, connection_id, action")
  @RegisterConstructorMapper(OutsideHourRow.class)
  List<OutsideHourRow> chainOutsideHours(@Bind("tenantId") String tenantId, @Bind("from") long from,
      @Bind("to") long to);

  /**
   * Each grant's latest use at or after {@code since}: its rollup row when that use is in the
   * window (the latest use overall is the latest in the window whenever one is), and the
   * entries after the watermark.
   */
  @SqlQuery("SELECT grant_id AS \"key\", MAX(at) AS at FROM ("
      + "SELECT grant_id, last_at AS at FROM usage_grants WHERE tenant_id = :tenantId AND last_at >= :since"
      + " UNION ALL SELECT grant_id, event_time AS at FROM audit_entries WHERE tenant_id = :tenantId AND "
      + UNFOLDED + " AND grant_id IS NOT NULL AND event_time >= :since) u GROUP BY grant_id")
  List<SnapshotDao.KeyedTime> grantLastUse(@Bind("tenantId") String tenantId, @Bind("since") Instant since,
      @Bind("seen") long seen);

  /**
   * The reported actions at or after {@code since}: the hours from {@code fullFrom} (wholly
   * inside the window), the folded entries of the partial hour before it ({@code since <=
   * event_time < edgeEnd}, the event_time index's range), and the entries after the watermark.
   */
  @SqlQuery("SELECT (SELECT COALESCE(SUM(actions), 0) FROM usage_action_hours WHERE tenant_id = :tenantId"
      + " AND epoch_hour >= :fullFrom)"
      + " + (SELECT COUNT(*) FROM audit_entries WHERE tenant_id = :tenantId AND event_time >= :since"
      + " AND event_time < :edgeEnd AND kind = 'event' AND seq <= " + WATERMARK + ")"
      + " + (SELECT COUNT(*) FROM audit_entries WHERE tenant_id = :tenantId AND " + UNFOLDED
      + " AND kind = 'event' AND event_time >= :since)")
  long actionsSince(@Bind("tenantId") String tenantId, @Bind("since") Instant since,
      @Bind("fullFrom") long fullFrom, @Bind("edgeEnd") Instant edgeEnd, @Bind("seen") long seen);

  /** The groups of reported actions outside every grant at or after {@code since}, from the same three parts. */
  @SqlQuery("SELECT agent_id, connection_id, action, SUM(n) AS count, MIN(f) AS first_at, MAX(l) AS last_at FROM ("
      + "SELECT agent_id, connection_id, action, actions AS n, first_at AS f, last_at AS l FROM usage_outside_hours"
      + " WHERE tenant_id = :tenantId AND epoch_hour >= :fullFrom"
      + " UNION ALL SELECT agent_id, connection_id, action, CAST(1 AS BIGINT), event_time, event_time"
      + " FROM audit_entries WHERE tenant_id = :tenantId AND event_time >= :since AND event_time < :edgeEnd"
      + " AND kind = 'event' AND grant_id IS NULL AND seq <= " + WATERMARK
      + " UNION ALL SELECT agent_id, connection_id, action, CAST(1 AS BIGINT), event_time, event_time"
      + " FROM audit_entries WHERE tenant_id = :tenantId AND " + UNFOLDED
      + " AND kind = 'event' AND grant_id IS NULL AND event_time >= :since"
      + ") u GROUP BY agent_id, connection_id, action ORDER BY agent_id, connection_id, action")
  List<SnapshotDao.OutsideRow> actionsOutsideGrants(@Bind("tenantId") String tenantId, @Bind("since") Instant since,
      @Bind("fullFrom") long fullFrom, @Bind("edgeEnd") Instant edgeEnd, @Bind("seen") long seen);
}
