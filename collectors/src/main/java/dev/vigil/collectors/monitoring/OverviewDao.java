package dev.vigil.collectors.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The aggregates a tenant's overview shows, each computed in the database over an index, so
 * that no page reads a whole population of runs or findings.
 */
public interface OverviewDao {

  /** How many runs of one control gave one result on one day (days since the epoch, UTC). */
  record DayCount(String controlId, long epochDay, String result, long runs) {}

  @SqlQuery("""
      SELECT control_id, FLOOR(EXTRACT(EPOCH FROM started_at) / 86400) AS epoch_day, result, COUNT(*) AS runs
      FROM control_runs
      WHERE tenant_id = :tenantId AND started_at >= :from
      GROUP BY control_id, FLOOR(EXTRACT(EPOCH FROM started_at) / 86400), result
      """)
  @RegisterConstructorMapper(DayCount.class)
  List<DayCount> runsByDay(@Bind("tenantId") String tenantId, @Bind("from") Instant from);

  /** Open findings by age: opened after {@code day}, after {@code week}, after {@code month}, and all. */
  record Ages(long underDay, long underWeek, long underMonth, long allOpen) {}

  @SqlQuery("""
      SELECT COALESCE(SUM(CASE WHEN opened_at > :day THEN 1 ELSE 0 END), 0) AS under_day,
             COALESCE(SUM(CASE WHEN opened_at > :week THEN 1 ELSE 0 END), 0) AS under_week,
             COALESCE(SUM(CASE WHEN opened_at > :month THEN 1 ELSE 0 END), 0) AS under_month,
             COUNT(*) AS all_open
      FROM findings
      WHERE tenant_id = :tenantId AND status = 'OPEN'
      """)
  @RegisterConstructorMapper(Ages.class)
  Ages openAges(@Bind("tenantId") String tenantId, @Bind("day") Instant day, @Bind("week") Instant week,
      @Bind("month") Instant month);

  @SqlQuery("""
      SELECT COUNT(*) FROM findings
      WHERE tenant_id = :tenantId AND status = 'RESOLVED' AND resolved_at >= :from
      """)
  long resolvedSince(@Bind("tenantId") String tenantId, @Bind("from") Instant from);

  /** The opening and resolution of the resolved finding {@code offset} places into them by time to remediate. */
  record Span(Instant openedAt, Instant resolvedAt) {}

  @SqlQuery("""
      SELECT opened_at, resolved_at FROM findings
      WHERE tenant_id = :tenantId AND status = 'RESOLVED' AND resolved_at >= :from
      ORDER BY resolved_at - opened_at, id
      OFFSET :offset ROWS FETCH FIRST 1 ROWS ONLY
      """)
  @RegisterConstructorMapper(Span.class)
  Optional<Span> resolvedAt(@Bind("tenantId") String tenantId, @Bind("from") Instant from,
      @Bind("offset") long offset);

  /** The latest scheduled run of one family: the end of {@code ix_control_runs_schedule}'s range for it. */
  @SqlQuery("SELECT MAX(scheduled_for) FROM control_runs WHERE tenant_id = :tenantId AND family = :family")
  Optional<Instant> lastSweep(@Bind("tenantId") String tenantId, @Bind("family") String family);

  @SqlQuery("SELECT seq FROM audit_heads WHERE tenant_id = :tenantId")
  Optional<Long> headSeq(@Bind("tenantId") String tenantId);
}
