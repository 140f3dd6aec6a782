package dev.vigil.collectors.monitoring;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** Control runs, statuses, findings and scheduled sweeps. Every query is scoped by tenant but the sweeps'. */
@RegisterRowMapper(ControlRunMapper.class)
@RegisterConstructorMapper(Finding.class)
@RegisterConstructorMapper(StatusRow.class)
public interface RunDao {

  String RUN_COLUMNS = "tenant_id, id, control_id, family, run_trigger, scheduled_for, started_at, finished_at, "
      + "result, population, exception_count, excused_count, evidence, evidence_sha256, audit_seq";
  String FINDING_COLUMNS =
      "tenant_id, id, control_id, subject_id, detail, opened_at, opened_run_id, resolved_at, resolved_run_id, "
      + "status, severity, subject_kind, subject_name, summary, owner_id, due_at, exception_id, excused_at";

  /** A finding's text, name, severity, owner and due date as a run derives them. */
  record Refresh(String id, String detail, String summary, String subjectName, String severity, String ownerId,
      Instant dueAt) {}

  /** One change in a finding's history. */
  record Change(String tenantId, String findingId, String id, Instant at, String change, String actorType,
      String actorId, String note) {}

  /** The columns of a run row as written: the evidence is its canonical JSON. */
  record RunRow(String tenantId, String id, String controlId, String family, String trigger, Instant scheduledFor,
      Instant startedAt, Instant finishedAt, String result, long population, long exceptionCount,
      long excusedCount, String evidence, String evidenceSha256) {}

  /** A status row as locked for update. */
  record Locked(String status, Instant lastRunAt) {}

  @SqlUpdate("""
      INSERT INTO control_runs (tenant_id, id, control_id, family, run_trigger, scheduled_for, started_at,
        finished_at, result, population, exception_count, excused_count, evidence, evidence_sha256)
      VALUES (:r.tenantId, :r.id, :r.controlId, :r.family, :r.trigger, :r.scheduledFor, :r.startedAt,
        :r.finishedAt, :r.result, :r.population, :r.exceptionCount, :r.excusedCount, :r.evidence,
        :r.evidenceSha256)
      """)
  void insertRun(@BindMethods("r") RunRow run);

  /** Runs already recorded in the chain at {@code auditSeqs}, in one batch: for loading a history in bulk. */
  @SqlBatch("""
      INSERT INTO control_runs (tenant_id, id, control_id, family, run_trigger, scheduled_for, started_at,
        finished_at, result, population, exception_count, excused_count, evidence, evidence_sha256, audit_seq)
      VALUES (:r.tenantId, :r.id, :r.controlId, :r.family, :r.trigger, :r.scheduledFor, :r.startedAt,
        :r.finishedAt, :r.result, :r.population, :r.exceptionCount, :r.excusedCount, :r.evidence,
        :r.evidenceSha256, :seq)
      """)
  void insertRuns(@BindMethods("r") List<RunRow> runs, @Bind("seq") List<Long> auditSeqs);

  @SqlUpdate("UPDATE control_runs SET audit_seq = :seq WHERE tenant_id = :tenantId AND id = :id")
  void setAuditSeq(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("seq") long seq);

  @SqlQuery("SELECT status FROM control_status WHERE tenant_id = :tenantId AND control_id = :controlId")
  Optional<String> status(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId);

  @SqlQuery("""
      SELECT status, last_run_at FROM control_status
      WHERE tenant_id = :tenantId AND control_id = :controlId FOR UPDATE
      """)
  @RegisterConstructorMapper(Locked.class)
  Optional<Locked> lockStatus(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId);

  @SqlUpdate("""
      INSERT INTO control_status (tenant_id, control_id, status) VALUES (:tenantId, :controlId, 'NOT_RUN')
      """)
  void insertStatus(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId);

  @SqlUpdate("""
      UPDATE control_status SET status = :status, last_run_id = :runId, last_run_at = :runAt,
        changed_at = CASE WHEN status = :status THEN changed_at ELSE :runAt END
      WHERE tenant_id = :tenantId AND control_id = :controlId
      """)
  void updateStatus(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId,
      @Bind("status") String status, @Bind("runId") String runId, @Bind("runAt") Instant runAt);

  /** The findings of a control that a run may move: open and excused ones. */
  @SqlQuery("SELECT " + FINDING_COLUMNS + " FROM findings "
      + "WHERE tenant_id = :tenantId AND control_id = :controlId AND status IN ('OPEN', 'EXCUSED')")
  List<Finding> liveFindings(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId);

  @SqlQuery("SELECT COUNT(*) FROM findings "
      + "WHERE tenant_id = :tenantId AND control_id = :controlId AND status = 'OPEN'")
  long countOpen(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId);

  @SqlBatch("""
      INSERT INTO findings (tenant_id, id, control_id, subject_id, detail, opened_at, opened_run_id, status,
        severity, subject_kind, subject_name, summary, owner_id, due_at, changed_run_id)
      VALUES (:f.tenantId, :f.id, :f.controlId, :f.subjectId, :f.detail, :f.openedAt, :f.openedRunId, :f.status,
        :f.severity, :f.subjectKind, :f.subjectName, :f.summary, :f.ownerId, :f.dueAt, :f.openedRunId)
      """)
  void insertFindings(@BindMethods("f") List<Finding> findings);

  @SqlBatch("""
      UPDATE findings SET status = 'RESOLVED', resolved_at = :at, resolved_run_id = :runId, changed_run_id = :runId
      WHERE tenant_id = :tenantId AND id = :id AND status IN ('OPEN', 'EXCUSED')
      """)
  void resolveFindings(@Bind("tenantId") String tenantId, @Bind("id") List<String> ids, @Bind("at") Instant at,
      @Bind("runId") String runId);

  @SqlBatch("""
      UPDATE findings SET status = 'EXCUSED', exception_id = :exceptionId, excused_at = :at, changed_run_id = :runId
      WHERE tenant_id = :tenantId AND id = :id
      """)
  void excuseFindings(@Bind("tenantId") String tenantId, @Bind("id") List<String> ids,
      @Bind("exceptionId") List<String> exceptionIds, @Bind("at") Instant at, @Bind("runId") String runId);

  /** Opens excused findings again: the exception ended and the member still fails. */
  @SqlBatch("""
      UPDATE findings SET status = 'OPEN', exception_id = NULL, excused_at = NULL, changed_run_id = :runId
      WHERE tenant_id = :tenantId AND id = :id AND status = 'EXCUSED'
      """)
  void reopenFindings(@Bind("tenantId") String tenantId, @Bind("id") List<String> ids, @Bind("runId") String runId);

  /** Updates what runs derive; an owner or due date a person assigned stays. */
  @SqlBatch("""
      UPDATE findings SET detail = :r.detail, summary = :r.summary, subject_name = :r.subjectName,
        severity = :r.severity,
        owner_id = CASE WHEN owner_assigned THEN owner_id ELSE :r.ownerId END,
        due_at = CASE WHEN due_assigned THEN due_at ELSE :r.dueAt END, changed_run_id = :runId
      WHERE tenant_id = :tenantId AND id = :r.id
      """)
  void refreshFindings(@Bind("tenantId") String tenantId, @BindMethods("r") List<Refresh> refreshes,
      @Bind("runId") String runId);

  @SqlBatch("""
      INSERT INTO finding_changes (tenant_id, finding_id, id, at, change, actor_type, actor_id, note)
      VALUES (:c.tenantId, :c.findingId, :c.id, :c.at, :c.change, :c.actorType, :c.actorId, :c.note)
      """)
  void insertChanges(@BindMethods("c") List<Change> changes);

  /** Open findings of every tenant, counted by control (for metrics). */
  @SqlQuery("SELECT control_id, COUNT(*) AS open_findings FROM findings WHERE status = 'OPEN' "
      + "GROUP BY control_id ORDER BY control_id")
  @KeyColumn("control_id")
  @ValueColumn("open_findings")
  Map<String, Long> openFindingsByControl();

  @SqlQuery("""
      SELECT s.control_id, s.status, s.last_run_id, s.last_run_at, s.changed_at,
        (SELECT COUNT(*) FROM findings f WHERE f.tenant_id = s.tenant_id AND f.control_id = s.control_id
           AND f.status = 'OPEN') AS open_findings
      FROM control_status s WHERE s.tenant_id = :tenantId
      """)
  List<StatusRow> statuses(@Bind("tenantId") String tenantId);

  @SqlQuery("SELECT " + RUN_COLUMNS + " FROM control_runs WHERE tenant_id = :tenantId AND id = :id")
  Optional<ControlRun> run(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT evidence FROM control_runs WHERE tenant_id = :tenantId AND id = :id AND control_id = :controlId")
  Optional<String> evidence(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId,
      @Bind("id") String id);

  @SqlQuery("SELECT " + RUN_COLUMNS + " FROM control_runs "
      + "WHERE tenant_id = :tenantId AND control_id = :controlId AND started_at >= :from AND started_at < :to "
      + "AND (CAST(:before AS VARCHAR(40)) IS NULL OR id < :before) ORDER BY id DESC LIMIT :limit")
  List<ControlRun> runs(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId,
      @Bind("from") Instant from, @Bind("to") Instant to, @Bind("before") String before, @Bind("limit") int limit);

  /**
   * Every run of a control started in {@code [from, to)}, each with its evidence record as
   * stored, newest first, fetched 500 rows at a time: consume it inside a transaction.
   */
  @SqlQuery("SELECT " + RUN_COLUMNS + " FROM control_runs "
      + "WHERE tenant_id = :tenantId AND control_id = :controlId AND started_at >= :from AND started_at < :to "
      + "ORDER BY id DESC")
  @UseRowMapper(ControlRunMapper.WithEvidence.class)
  @FetchSize(500)
  Stream<StoredRun> storedRuns(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId,
      @Bind("from") Instant from, @Bind("to") Instant to);

  /** Which of {@code subjectIds} have an open finding of the control. */
  @SqlQuery("SELECT DISTINCT subject_id FROM findings WHERE tenant_id = :tenantId AND control_id = :controlId "
      + "AND status = 'OPEN' AND subject_id IN (<ids>)")
  List<String> openSubjects(@Bind("tenantId") String tenantId, @Bind("controlId") String controlId,
      @BindList("ids") Collection<String> subjectIds);

  /** Findings in id order after {@code after} that pass {@code filter}. */
  @SqlQuery("SELECT " + FINDING_COLUMNS + " FROM findings WHERE tenant_id = :tenantId "
      + "AND (CAST(:q.controlId AS VARCHAR(10)) IS NULL OR control_id = :q.controlId) "
      + "AND (CAST(:q.status AS VARCHAR(10)) IS NULL OR status = :q.status) "
      + "AND (CAST(:q.severity AS VARCHAR(10)) IS NULL OR severity = :q.severity) "
      + "AND (CAST(:q.ownerId AS VARCHAR(40)) IS NULL OR owner_id = :q.ownerId) "
      + "AND (CAST(:q.dueBefore AS TIMESTAMP WITH TIME ZONE) IS NULL OR (status = 'OPEN' AND due_at < :q.dueBefore)) "
      + "AND (CAST(:q.openedBefore AS TIMESTAMP WITH TIME ZONE) IS NULL OR opened_at < :q.openedBefore) "
      + "AND id > :after ORDER BY id LIMIT :limit")
  List<Finding> findings(@Bind("tenantId") String tenantId, @BindMethods("q") FindingFilter filter,
      @Bind("after") String after, @Bind("limit") int limit);

  /** The findings about one member in one status, in id order after {@code after}, by {@code ix_findings_subject}. */
  @SqlQuery("SELECT " + FINDING_COLUMNS + " FROM findings WHERE tenant_id = :tenantId AND subject_id = :subjectId "
      + "AND status = :status AND id > :after ORDER BY id LIMIT :limit")
  List<Finding> findingsAbout(@Bind("tenantId") String tenantId, @Bind("subjectId") String subjectId,
      @Bind("status") FindingStatus status, @Bind("after") String after, @Bind("limit") int limit);

  @SqlQuery("SELECT " + FINDING_COLUMNS + " FROM findings WHERE tenant_id = :tenantId AND id = :id")
  Optional<Finding> finding(@Bind("tenantId") String tenantId, @Bind("id") String id);

  @SqlQuery("SELECT " + FINDING_COLUMNS + " FROM findings WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<Finding> lockFinding(@Bind("tenantId") String tenantId, @Bind("id") String id);

  /** Sets the owner a person chose; runs leave it. */
  @SqlUpdate("UPDATE findings SET owner_id = :ownerId, owner_assigned = TRUE WHERE tenant_id = :tenantId AND id = :id")
  void assignOwner(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("ownerId") String ownerId);

  /** Sets the due date a person chose; runs leave it. */
  @SqlUpdate("UPDATE findings SET due_at = :dueAt, due_assigned = TRUE WHERE tenant_id = :tenantId AND id = :id")
  void assignDue(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("dueAt") Instant dueAt);

  @SqlQuery("SELECT tenant_id, finding_id, id, at, change, actor_type, actor_id, note FROM finding_changes "
      + "WHERE tenant_id = :tenantId AND finding_id = :findingId ORDER BY id")
  @RegisterConstructorMapper(Change.class)
  List<Change> changes(@Bind("tenantId") String tenantId, @Bind("findingId") String findingId);

  /** The findings a run opened, changed or resolved (their last change may be a later run's). */
  @SqlQuery("SELECT " + FINDING_COLUMNS + " FROM findings WHERE tenant_id = :tenantId "
      + "AND (opened_run_id = :runId OR resolved_run_id = :runId OR changed_run_id = :runId) ORDER BY id")
  List<Finding> findingsOfRun(@Bind("tenantId") String tenantId, @Bind("runId") String runId);

  @SqlUpdate("""
      INSERT INTO control_sweeps (family, scheduled_for, node, started_at)
      VALUES (:family, :scheduledFor, :node, :startedAt)
      """)
  void startSweep(@Bind("family") String family, @Bind("scheduledFor") Instant scheduledFor,
      @Bind("node") String node, @Bind("startedAt") Instant startedAt);

  /** Takes over a sweep another node started and did not finish; 0 when it was finished. */
  @SqlUpdate("""
      UPDATE control_sweeps SET node = :node
      WHERE family = :family AND scheduled_for = :scheduledFor AND finished_at IS NULL
      """)
  int takeOverSweep(@Bind("family") String family, @Bind("scheduledFor") Instant scheduledFor,
      @Bind("node") String node);

  /** The controls that already have a run for a scheduled moment (a sweep being resumed). */
  @SqlQuery("""
      SELECT control_id FROM control_runs
      WHERE tenant_id = :tenantId AND family = :family AND scheduled_for = :scheduledFor AND run_trigger = 'SCHEDULE'
      """)
  Set<String> scheduledRuns(@Bind("tenantId") String tenantId, @Bind("family") String family,
      @Bind("scheduledFor") Instant scheduledFor);

  @SqlUpdate("""
      UPDATE control_sweeps SET finished_at = :finishedAt, tenants = :tenants
      WHERE family = :family AND scheduled_for = :scheduledFor
      """)
  void finishSweep(@Bind("family") String family, @Bind("scheduledFor") Instant scheduledFor,
      @Bind("finishedAt") Instant finishedAt, @Bind("tenants") int tenants);
}
