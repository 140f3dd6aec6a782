package dev.vigil.reports.load;

import dev.vigil.collectors.audit.AuditEntryMapper;
import dev.vigil.controls.audit.AuditEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What the loader reads that no collectors store offers: run evidence in pages and the entries
 * naming a sampled member. Read-only; every query is bound, names the tenant first and is bounded by
 * a range or a limit. Plain SQL that H2 and PostgreSQL read alike.
 */
@RegisterRowMapper(AuditEntryMapper.class)
@RegisterConstructorMapper(PeriodDao.RunEvidence.class)
public interface PeriodDao {

  /** A run's id and its evidence record as stored (canonical JSON). */
  record RunEvidence(String id, String evidence) {}

  /** Entries in {@code (afterSeq, lastSeq]} whose subject is one of {@code subjects}, by seq. */
  @SqlQuery("SELECT tenant_id, seq, occurred_at, actor_type, actor_id, kind, subject, data, hash FROM audit_entries "
      + "WHERE tenant_id = :tenantId AND seq > :afterSeq AND seq <= :lastSeq AND subject IN (<subjects>) "
      + "ORDER BY seq LIMIT :limit")
  List<AuditEntry> aboutSubjects(@Bind("tenantId") String tenantId, @Bind("afterSeq") long afterSeq,
      @Bind("lastSeq") long lastSeq, @BindList("subjects") Collection<String> subjects, @Bind("limit") int limit);

  /** Evidence of a control's runs started in {@code [from, to)} with id above {@code after}, by id. */
  @SqlQuery("SELECT id, evidence FROM control_runs WHERE tenant_id = :tenantId AND control_id = :controlId "
      + "AND started_at >= :from AND started_at < :to AND id > :after ORDER BY id LIMIT :limit")
  List<RunEvidence> evidence(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId,
      @Bind("from") Instant from, @Bind("to") Instant to, @Bind("after") String after, @Bind("limit") int limit);
}
