package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.db.Page;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.tenancy.UserDao;
import dev.vigil.controls.catalog.Family;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** Reads of control statuses, runs and findings for the API, scoped by tenant. Thread-safe. */
public final class ControlQueries {

  private static final Instant BEGINNING = Instant.EPOCH;
  private static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

  private final Jdbi jdbi;

  public ControlQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Open findings across every tenant, by control id; a control with none is absent. For the
   * operator's metrics only: it is the one read here not scoped by tenant.
   */
  public Map<String, Long> openFindingsByControl() {
    return jdbi.withExtension(RunDao.class, RunDao::openFindingsByControl);
  }

  /** The stored status of every control that has run for the tenant. */
  public List<StatusRow> statuses(String tenantId) {
    return jdbi.withExtension(RunDao.class, dao -> dao.statuses(tenantId));
  }

  /** Runs of a control started in [from, to), newest first; {@code before} is the previous page's cursor. */
  public Page<ControlRun> runs(String tenantId, String controlId, Instant from, Instant to, String before, int limit) {
    List<ControlRun> fetched = jdbi.withExtension(RunDao.class, dao -> dao.runs(tenantId, controlId,
        from == null ? BEGINNING : from, to == null ? END : to, before == null || before.isEmpty() ? null : before,
        limit + 1));
    return Page.of(fetched, limit, ControlRun::id);
  }

  /**
   * Every run of a control started in {@code [from, to)}, newest first, each with its evidence
   * record exactly as stored, streamed from one query: a report reads every run of its period.
   * Paging it like {@link #runs} re-read the period's runs for every page on PostgreSQL, whose
   * generic plan for the cursor query takes the time index and sorts.
   */
  public void forEachStoredRun(String tenantId, String controlId, Instant from, Instant to, Consumer<StoredRun> each) {
    // A transaction, so PostgreSQL streams by fetch size instead of sending every row at once.
    jdbi.useTransaction(h -> {
      try (Stream<StoredRun> runs = h.attach(RunDao.class).storedRuns(tenantId, controlId, from, to)) {
        runs.forEach(each);
      }
    });
  }

  public Optional<ControlRun> run(String tenantId, String runId) {
    return jdbi.withExtension(RunDao.class, dao -> dao.run(tenantId, runId));
  }

  /** A run's evidence record exactly as stored and hashed: canonical JSON text. */
  public Optional<String> evidence(String tenantId, String controlId, String runId) {
    return jdbi.withExtension(RunDao.class, dao -> dao.evidence(tenantId, controlId, runId));
  }

  /**
   * The members a run of {@code controlId} examined, with their results, from its evidence
   * record ({@link MemberResults}); empty when the tenant has no such run.
   */
  public Optional<MemberResults.Listing> members(String tenantId, String controlId, String runId) {
    return evidence(tenantId, controlId, runId).map(e -> MemberResults.of(runId, e));
  }

  /** The findings a run opened, changed or resolved, as they stand now, in id order. */
  public List<Finding> findingsOfRun(String tenantId, String runId) {
    return jdbi.withExtension(RunDao.class, dao -> dao.findingsOfRun(tenantId, runId));
  }

  /** Findings that pass {@code filter}, in id order (the order they opened). */
  public Page<Finding> findings(String tenantId, FindingFilter filter, String after, int limit) {
    List<Finding> fetched = jdbi.withHandle(h -> {
      // An owner the filter names must be the tenant's user: it is input, as a grant list's agent is.
      if (filter.ownerId() != null && h.attach(UserDao.class).find(tenantId, filter.ownerId()).isEmpty()) {
        throw Rejected.invalid("ownerId: no user " + filter.ownerId() + " in this tenant");
      }
      return h.attach(RunDao.class).findings(tenantId, filter, after == null ? "" : after, limit + 1);
    });
    return Page.of(fetched, limit, Finding::id);
  }

  /**
   * The findings about one member (a vendor, a connection, an incident: the subject id its
   * controls name) in {@code status}, in id order after {@code after} ("" or null first).
   */
  public Page<Finding> findingsAbout(String tenantId, String subjectId, FindingStatus status, String after,
      int limit) {
    List<Finding> fetched = jdbi.withExtension(RunDao.class,
        dao -> dao.findingsAbout(tenantId, subjectId, status, after == null ? "" : after, limit + 1));
    return Page.of(fetched, limit, Finding::id);
  }

  /** Which of {@code subjectIds} (a page's worth) have an open finding of {@code controlId}. */
  public Set<String> openFindingSubjects(String tenantId, String controlId, Collection<String> subjectIds) {
    if (subjectIds.isEmpty()) return Set.of();
    return Set.copyOf(jdbi.withExtension(RunDao.class, dao -> dao.openSubjects(tenantId, controlId, subjectIds)));
  }

  /** A finding of the tenant. */
  public Optional<Finding> finding(String tenantId, String findingId) {
    return jdbi.withExtension(RunDao.class, dao -> dao.finding(tenantId, findingId));
  }

  /** A finding's history, oldest first. */
  public List<RunDao.Change> changes(String tenantId, String findingId) {
    return jdbi.withExtension(RunDao.class, dao -> dao.changes(tenantId, findingId));
  }

  /** How many runs of each control gave each result, per UTC day, for runs started since {@code from}. */
  public List<OverviewDao.DayCount> runsByDay(String tenantId, Instant from) {
    return jdbi.withExtension(OverviewDao.class, dao -> dao.runsByDay(tenantId, from));
  }

  /** The tenant's open findings counted by how long they have been open at {@code now}. */
  public OverviewDao.Ages openFindingAges(String tenantId, Instant now) {
    return jdbi.withExtension(OverviewDao.class, dao -> dao.openAges(tenantId, now.minus(Duration.ofDays(1)),
        now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(30))));
  }

  /**
   * The median time to remediate of the findings resolved since {@code from} (the lower middle
   * one of an even count), read as one row at the middle offset; empty when none was resolved.
   */
  public Optional<Duration> medianTimeToRemediate(String tenantId, Instant from) {
    return jdbi.withExtension(OverviewDao.class, dao -> {
      long resolved = dao.resolvedSince(tenantId, from);
      if (resolved == 0) return Optional.<Duration>empty();
      return dao.resolvedAt(tenantId, from, (resolved - 1) / 2)
          .map(s -> Duration.between(s.openedAt(), s.resolvedAt()));
    });
  }

  /**
   * When the latest scheduled sweep of any family was due for the tenant: one look-up at the end
   * of each family's index range, where one query over the tenant would read every run it has.
   */
  public Optional<Instant> lastSweep(String tenantId) {
    return jdbi.withExtension(OverviewDao.class, dao -> Arrays.stream(Family.values())
        .flatMap(f -> dao.lastSweep(tenantId, f.wire()).stream()).max(Comparator.naturalOrder()));
  }

  /** The sequence number of the tenant's last audit entry (0 for a chain with none yet). */
  public Optional<Long> chainHead(String tenantId) {
    return jdbi.withExtension(OverviewDao.class, dao -> dao.headSeq(tenantId));
  }
}
