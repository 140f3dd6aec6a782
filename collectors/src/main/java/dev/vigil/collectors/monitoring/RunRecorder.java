package dev.vigil.collectors.monitoring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditData;
import dev.vigil.collectors.audit.PendingEntry;
import dev.vigil.collectors.db.Constraints;
import dev.vigil.collectors.db.Ids;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.audit.AuditChain;
import dev.vigil.controls.audit.AuditEntry;
import dev.vigil.controls.audit.CanonicalJson;
import dev.vigil.controls.audit.Sha256;
import dev.vigil.controls.catalog.ControlInfo;
import dev.vigil.controls.catalog.Deviation;
import dev.vigil.controls.catalog.Evaluation;
import dev.vigil.controls.catalog.Excused;
import dev.vigil.controls.catalog.Population;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Records a control run in one transaction: the run with its immutable evidence record, the
 * findings it opens and resolves, the control's status, and an audit entry carrying the
 * evidence's SHA-256. Runs of one control for one tenant serialize on its status row; a run
 * that started before the last recorded one is kept as evidence but does not move status or
 * findings back in time. Thread-safe.
 */
public final class RunRecorder {

  /** The most failing (and excused) members a run's evidence lists by name; the count is always whole. */
  public static final int LISTED = 1_000;

  /**
   * The largest population whose members a run's evidence lists by id, all of them or none.
   * Every run of every control stores its evidence, and a listing grows with the tenant: 10,000
   * ids of some 30 characters add about 330 KB to a record, while a tenant with 100,000 grants
   * would put megabytes into each of its runs. A bigger population lists none
   * ({@code "membersListed": false}) rather than a part, so that a listed set is always whole.
   */
  public static final int MEMBERS_LISTED = 10_000;

  static final Actor ACTOR = Actor.system("controls");
  private static final int DETAIL_MAX = 2_000;

  /** What recording a run did: the run, the status before and after, and the findings it moved. */
  public record Outcome(ControlRun run, ControlStatus previous, ControlStatus status, long openFindings,
      int opened, int resolved, int excused) {
    public boolean statusChanged() {
      return previous != status;
    }
  }

  private final Jdbi jdbi;
  private final AuditAppender audit;
  private final Ids ids;
  private final FindingSla sla;
  private final int membersCap;

  /** A recorder whose findings are due as {@link FindingSla#DEFAULT} says. */
  public RunRecorder(Jdbi jdbi, AuditAppender audit, Ids ids) {
    this(jdbi, audit, ids, FindingSla.DEFAULT);
  }

  public RunRecorder(Jdbi jdbi, AuditAppender audit, Ids ids, FindingSla sla) {
    this(jdbi, audit, ids, sla, MEMBERS_LISTED);
  }

  /** A recorder that lists the members of populations up to {@code membersCap}: tests reach the cap with a few. */
  RunRecorder(Jdbi jdbi, AuditAppender audit, Ids ids, FindingSla sla, int membersCap) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.ids = ids;
    this.sla = sla;
    this.membersCap = membersCap;
  }

  /**
   * Records a run. {@code evaluation} is null when the run could not evaluate; {@code error}
   * then says why (never a secret: it is shown to users and kept as evidence). {@code schedule}
   * is the control family's schedule interval in force: the evidence keeps it, so a report
   * judges each run by the schedule it ran under even after the configuration changes.
   */
  public Outcome record(String tenantId, ControlInfo info, RunTrigger trigger, Instant scheduledFor,
      Duration schedule, Instant startedAt, Instant finishedAt, Evaluation evaluation, String error) {
    String runId = ids.next("run");
    return jdbi.inTransaction(h -> store(h, tenantId, runId, info, trigger, scheduledFor, schedule, startedAt,
        finishedAt, evaluation, error, null));
  }

  /**
   * Records a memberwise control's re-check of the members of {@code population} a change named
   * ({@code members}, see {@link SnapshotLoader.Rechecked}), a run triggered by that change.
   * Findings move for those members alone; every other member keeps the finding (or none) that
   * the last run to examine it left. The run's result, and the control's status, are then
   * failing when any member fails, re-checked or not (a finding of it is open), and passing
   * otherwise. Its evidence says which members it examined and that it examined no others.
   */
  public Outcome recordRecheck(String tenantId, ControlInfo info, Duration schedule, Instant startedAt,
      Instant finishedAt, Evaluation evaluation, Population population, Set<String> members) {
    String runId = ids.next("run");
    Recheck recheck = new Recheck(population, Set.copyOf(members));
    return jdbi.inTransaction(h -> store(h, tenantId, runId, info, RunTrigger.CHANGE, null, schedule, startedAt,
        finishedAt, evaluation, null, recheck));
  }

  /** The control's status for the tenant now; {@link ControlStatus#NOT_RUN} before its first run. */
  public ControlStatus status(String tenantId, String controlId) {
    return jdbi.withExtension(RunDao.class, dao -> dao.status(tenantId, controlId))
        .map(ControlStatus::valueOf).orElse(ControlStatus.NOT_RUN);
  }

  /** The members a re-check covered. */
  private record Recheck(Population population, Set<String> members) {

    /** What the evidence says of the re-check's scope: what it examined, and what it left as it was. */
    List<String> scope(Evaluation evaluation, long openElsewhere) {
      List<String> named = new ArrayList<>(new TreeSet<>(members));
      String list = String.join(", ", named.subList(0, Math.min(NAMED_IN_SCOPE, named.size())))
          + (named.size() > NAMED_IN_SCOPE ? " and " + (named.size() - NAMED_IN_SCOPE) + " more" : "");
      List<String> out = new ArrayList<>();
      out.add("Re-checked only the " + population.wire() + " a change named (" + (named.isEmpty() ? "none found" : list)
          + "): " + evaluation.population() + " of them examined, as the procedure says.");
      out.add("The other " + population.wire() + " were not examined by this run: each keeps the result of the last run"
          + " that examined it, and every scheduled run examines them all.");
      if (openElsewhere > 0) {
        out.add(openElsewhere + (openElsewhere == 1 ? " finding" : " findings") + " about other "
            + population.wire() + " stay open, so the control still fails.");
      }
      return out;
    }
  }

  /** How many members a re-check's evidence names in its scope statement. */
  private static final int NAMED_IN_SCOPE = 20;

  private Outcome store(Handle h, String tenantId, String runId, ControlInfo info, RunTrigger trigger,
      Instant scheduledFor, Duration schedule, Instant startedAt, Instant finishedAt, Evaluation evaluation,
      String error, Recheck recheck) {
    RunDao dao = h.attach(RunDao.class);
    RunDao.Locked locked = lock(h, dao, tenantId, info.id());
    ControlStatus previous = ControlStatus.valueOf(locked.status());
    List<Finding> live = evaluation == null ? List.of() : dao.liveFindings(tenantId, info.id());
    RunResult result = RunResult.of(info, evaluation);
    Evaluation stated = evaluation;
    if (recheck != null) {
      long openElsewhere = live.stream()
          .filter(f -> f.status() == FindingStatus.OPEN && !recheck.members().contains(f.subjectId())).count();
      result = openElsewhere > 0 || !evaluation.passed() ? RunResult.FAIL : RunResult.PASS;
      stated = evaluation.withScope(recheck.scope(evaluation, openElsewhere));
      live = live.stream().filter(f -> recheck.members().contains(f.subjectId())).toList();
    }
    RunDao.RunRow row = row(tenantId, runId, info, trigger, scheduledFor, schedule, startedAt, finishedAt, stated,
        error, membersCap, result);
    dao.insertRun(row);
    boolean current = locked.lastRunAt() == null || !startedAt.isBefore(locked.lastRunAt());
    Moved moved = Moved.NONE;
    ControlStatus status = previous;
    if (current) {
      status = result.status();
      if (evaluation != null) moved = moveFindings(h, dao, tenantId, info, row.id(), finishedAt, stated, live);
      dao.updateStatus(tenantId, info.id(), status.name(), row.id(), startedAt);
    }
    AuditEntry entry = audit.appendAll(h, tenantId,
        List.of(auditEntry(row, moved.opened(), moved.resolved(), moved.excused()))).get(0);
    dao.setAuditSeq(tenantId, row.id(), entry.seq());
    long open = dao.countOpen(tenantId, info.id());
    return new Outcome(dao.run(tenantId, row.id()).orElseThrow(), previous, status, open, moved.opened(),
        moved.resolved(), moved.excused());
  }

  /**
   * The row {@link #record} stores for a run: its result, counts, canonical evidence record and
   * the record's SHA-256. Public so that a history can be loaded in bulk (the benchmark's
   * estate) with exactly the records the service writes.
   */
  public static RunDao.RunRow row(String tenantId, String runId, ControlInfo info, RunTrigger trigger,
      Instant scheduledFor, Duration schedule, Instant startedAt, Instant finishedAt, Evaluation evaluation,
      String error) {
    return row(tenantId, runId, info, trigger, scheduledFor, schedule, startedAt, finishedAt, evaluation, error,
        MEMBERS_LISTED, RunResult.of(info, evaluation));
  }

  private static RunDao.RunRow row(String tenantId, String runId, ControlInfo info, RunTrigger trigger,
      Instant scheduledFor, Duration schedule, Instant startedAt, Instant finishedAt, Evaluation evaluation,
      String error, int membersCap, RunResult result) {
    String evidence = CanonicalJson.string(evidence(tenantId, runId, info, trigger, scheduledFor, schedule,
        startedAt, finishedAt, result, evaluation, error, membersCap));
    long population = evaluation == null ? 0 : evaluation.population();
    long exceptionCount = evaluation == null ? 0 : evaluation.exceptions().size();
    long excusedCount = evaluation == null ? 0 : evaluation.excused().size();
    return new RunDao.RunRow(tenantId, runId, info.id(), info.family().wire(), trigger.name(), scheduledFor,
        startedAt, finishedAt, result.name(), population, exceptionCount, excusedCount, evidence,
        Sha256.hex(evidence));
  }

  /**
   * The {@code control.run} audit entry {@link #record} appends for a run stored as {@code row}
   * that opened (or reopened), resolved and excused the given numbers of findings; it carries
   * the evidence's SHA-256.
   */
  public static PendingEntry auditEntry(RunDao.RunRow row, int findingsOpened, int findingsResolved,
      int findingsExcused) {
    ObjectNode data = AuditData.object().put("runId", row.id()).put("controlId", row.controlId())
        .put("trigger", RunTrigger.valueOf(row.trigger()).wire()).put("result", RunResult.valueOf(row.result()).wire())
        .put("population", row.population()).put("exceptions", row.exceptionCount())
        .put("excused", row.excusedCount()).put("findingsOpened", findingsOpened)
        .put("findingsResolved", findingsResolved).put("findingsExcused", findingsExcused)
        .put("evidenceSha256", row.evidenceSha256());
    return new PendingEntry(ACTOR, "control.run", row.controlId(), data);
  }

  private static RunDao.Locked lock(Handle h, RunDao dao, String tenantId, String controlId) {
    var locked = dao.lockStatus(tenantId, controlId);
    if (locked.isPresent()) return locked.get();
    try {
      h.execute("SAVEPOINT status_insert");
      dao.insertStatus(tenantId, controlId);
      h.execute("RELEASE SAVEPOINT status_insert");
    } catch (RuntimeException e) {
      if (!Constraints.isUniqueViolation(e)) throw e;
      // Another run created the row first; wait for it like any other.
      h.execute("ROLLBACK TO SAVEPOINT status_insert");
    }
    return dao.lockStatus(tenantId, controlId).orElseThrow();
  }

  /** How many findings a run opened (or reopened), resolved and excused. */
  private record Moved(int opened, int resolved, int excused) {
    static final Moved NONE = new Moved(0, 0, 0);
  }

  /**
   * Moves the control's findings to what the run found: a failing member without a finding
   * opens one, an excused finding whose member fails again reopens, an open finding whose
   * member an exception now covers is excused, and a finding whose member neither fails nor
   * is excused resolves. {@code liveFindings} are the open and excused findings the run may move:
   * all of the control's, or those about the members a re-check covered. Open findings take the
   * run's text, name, severity and owner; each
   * status change goes into the finding's history.
   */
  private Moved moveFindings(Handle h, RunDao dao, String tenantId, ControlInfo info, String runId, Instant at,
      Evaluation evaluation, List<Finding> liveFindings) {
    Map<String, Finding> live = new HashMap<>();
    for (Finding f : liveFindings) live.put(f.subjectId(), f);
    Map<String, Deviation> failing = new LinkedHashMap<>();
    for (Deviation d : evaluation.exceptions()) failing.putIfAbsent(d.subjectId(), d);
    Map<String, Excused> excused = new HashMap<>();
    for (Excused x : evaluation.excused()) excused.putIfAbsent(x.subjectId(), x);
    Map<String, FindingSubjects.Described> described = failing.isEmpty() ? Map.of()
        : FindingSubjects.describe(h, tenantId, info, failing.values());

    List<Finding> fresh = new ArrayList<>();
    List<RunDao.Refresh> refreshes = new ArrayList<>();
    List<String> reopened = new ArrayList<>();
    List<RunDao.Change> changes = new ArrayList<>();
    for (Deviation d : failing.values()) {
      FindingSubjects.Described s = described.get(d.subjectId());
      Finding f = live.get(d.subjectId());
      String detail = clip(d.detail());
      if (f == null) {
        Finding opened = new Finding(tenantId, ids.next("fnd"), info.id(), d.subjectId(), detail, at, runId, null,
            null, FindingStatus.OPEN, s.severity(), s.kind(), clip(s.name()), clip(s.summary()), s.ownerId(),
            sla.dueAt(s.severity(), at), null, null);
        fresh.add(opened);
        changes.add(change(tenantId, opened.id(), at, "opened", "run " + runId));
        continue;
      }
      boolean reopen = f.status() == FindingStatus.EXCUSED;
      if (reopen) {
        reopened.add(f.id());
        changes.add(change(tenantId, f.id(), at, "reopened",
            "exception " + f.exceptionId() + " no longer covers the member; run " + runId));
      }
      Instant due = reopen || s.severity() != f.severity() ? sla.dueAt(s.severity(), reopen ? at : f.openedAt())
          : f.dueAt();
      RunDao.Refresh r = new RunDao.Refresh(f.id(), detail, clip(s.summary()), clip(s.name()), s.severity().name(),
          s.ownerId(), due);
      if (reopen || !sameText(f, r)) refreshes.add(r);
    }
    List<String> toExcuse = new ArrayList<>();
    List<String> exceptionIds = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (Finding f : live.values()) {
      if (failing.containsKey(f.subjectId())) continue;
      Excused x = excused.get(f.subjectId());
      if (x == null) {
        gone.add(f.id());
        changes.add(change(tenantId, f.id(), at, "resolved", "the member passes; run " + runId));
      } else if (f.status() == FindingStatus.OPEN || !x.exceptionId().equals(f.exceptionId())) {
        toExcuse.add(f.id());
        exceptionIds.add(x.exceptionId());
        changes.add(change(tenantId, f.id(), at, "excused", "exception " + x.exceptionId()
            + " covers the member until " + AuditChain.formatTime(x.expiresAt()) + "; run " + runId));
      }
    }
    if (!fresh.isEmpty()) dao.insertFindings(fresh);
    if (!reopened.isEmpty()) dao.reopenFindings(tenantId, reopened, runId);
    if (!refreshes.isEmpty()) dao.refreshFindings(tenantId, refreshes, runId);
    if (!toExcuse.isEmpty()) dao.excuseFindings(tenantId, toExcuse, exceptionIds, at, runId);
    if (!gone.isEmpty()) dao.resolveFindings(tenantId, gone, at, runId);
    if (!changes.isEmpty()) dao.insertChanges(changes);
    return new Moved(fresh.size() + reopened.size(), gone.size(), toExcuse.size());
  }

  private static boolean sameText(Finding f, RunDao.Refresh r) {
    return Objects.equals(f.detail(), r.detail()) && Objects.equals(f.summary(), r.summary())
        && Objects.equals(f.subjectName(), r.subjectName()) && f.severity() != null
        && f.severity().name().equals(r.severity()) && Objects.equals(f.ownerId(), r.ownerId())
        && Objects.equals(f.dueAt(), r.dueAt());
  }

  private RunDao.Change change(String tenantId, String findingId, Instant at, String change, String note) {
    return new RunDao.Change(tenantId, findingId, ids.next("fch"), at, change, ACTOR.type(), ACTOR.id(), note);
  }

  private static ObjectNode evidence(String tenantId, String runId, ControlInfo info, RunTrigger trigger,
      Instant scheduledFor, Duration schedule, Instant startedAt, Instant finishedAt, RunResult result, Evaluation evaluation,
      String error, int membersCap) {
    ObjectNode e = AuditData.object().put("type", "vigil.control-run.v1").put("runId", runId)
        .put("tenantId", tenantId).put("controlId", info.id()).put("title", info.title())
        .put("family", info.family().wire()).put("procedure", info.procedure()).put("trigger", trigger.wire())
        .put("scheduledFor", scheduledFor == null ? null : AuditChain.formatTime(scheduledFor))
        .put("scheduleSeconds", schedule.toSeconds())
        .put("startedAt", AuditChain.formatTime(startedAt)).put("finishedAt", AuditChain.formatTime(finishedAt))
        .put("result", result.wire()).put("error", error);
    ArrayNode criteria = e.putArray("criteria");
    info.criteria().forEach(criteria::add);
    e.put("population", evaluation == null ? 0 : evaluation.population());
    List<String> members = listedMembers(evaluation, membersCap);
    ArrayNode listed = e.putArray("members");
    members.forEach(listed::add);
    e.put("membersListed", !members.isEmpty());
    e.put("exceptionCount", evaluation == null ? 0 : evaluation.exceptions().size());
    ArrayNode exceptions = e.putArray("exceptions");
    ArrayNode excused = e.putArray("excused");
    if (evaluation != null) {
      evaluation.exceptions().stream().limit(LISTED).forEach(d ->
          exceptions.addObject().put("subjectId", d.subjectId()).put("detail", d.detail()));
      for (Excused x : evaluation.excused().stream().limit(LISTED).toList()) {
        excused.addObject().put("subjectId", x.subjectId()).put("detail", x.detail())
            .put("exceptionId", x.exceptionId()).put("expiresAt", AuditChain.formatTime(x.expiresAt()));
      }
      e.put("excusedCount", evaluation.excused().size());
      // Only LG-1 and a change's re-check say more than their population of what they examined;
      // other records stay as they were.
      if (!evaluation.scope().isEmpty()) {
        ArrayNode scope = e.putArray("scope");
        evaluation.scope().forEach(scope::add);
      }
    }
    return e;
  }

  /**
   * The member ids a run's evidence lists: every member examined, or none when the control
   * names no members (it counts things that are not objects, or examined nothing), when the
   * run could not evaluate, or when the population is larger than {@code cap}.
   */
  static List<String> listedMembers(Evaluation evaluation, int cap) {
    if (evaluation == null || evaluation.population() > cap) return List.of();
    return evaluation.members();
  }

  private static String clip(String detail) {
    if (detail == null) return null;
    return detail.length() <= DETAIL_MAX ? detail : detail.substring(0, DETAIL_MAX - 1) + "…";
  }

}
