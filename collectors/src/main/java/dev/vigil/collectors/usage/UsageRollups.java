package dev.vigil.collectors.usage;

import dev.vigil.collectors.audit.AuditDao;
import dev.vigil.collectors.audit.Head;
import dev.vigil.collectors.db.Constraints;
import dev.vigil.collectors.monitoring.SnapshotDao;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

/**
 * A tenant's usage rollups and the answers the least-privilege controls read from them.
 *
 * <p>{@link #catchUp} folds the entries after the watermark into the rollups in batches of at
 * most {@code batch} entries, each batch and the move of the watermark in one transaction
 * that holds the watermark row's lock: a crash loses the batch and its move together, so
 * nothing is counted twice or lost, and two updaters of one tenant take turns. A tenant
 * without a watermark is rebuilt instead: its rollups inserted from the whole chain at once.
 *
 * <p>The reads are exact whatever the watermark: each adds the entries after it from the
 * chain, in the same statement, and answers a window's partial first hour from the chain too
 * ({@link Hours}). Thread-safe.
 */
public final class UsageRollups {

  /** The most entries one fold transaction takes. */
  public static final long BATCH = 100_000;
  // Two updaters creating a tenant's watermark at once: the loser retries and then waits on the winner's lock.
  private static final int ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final long batch;

  public UsageRollups(Jdbi jdbi) {
    this(jdbi, BATCH);
  }

  /** Rollups folded {@code batch} entries a transaction at most (tests take small batches). */
  public UsageRollups(Jdbi jdbi, long batch) {
    if (batch < 1) throw new IllegalArgumentException("a batch holds at least one entry");
    this.jdbi = jdbi;
    this.batch = batch;
  }

  /** What a catch-up did: entries folded, in how many transactions, and the watermark it left. */
  public record CatchUp(long folded, int batches, long watermark, boolean rebuilt) {}

  /**
   * Folds {@code tenantId}'s entries appended since the watermark, up to the head as it was
   * when each batch started; rebuilds when nothing was folded before.
   */
  public CatchUp catchUp(String tenantId, Instant now) {
    long folded = 0;
    int batches = 0;
    while (true) {
      CatchUp step = retrying(() -> jdbi.inTransaction(h -> step(h, tenantId, now)));
      if (step.rebuilt()) return step;
      if (step.folded() == 0) return new CatchUp(folded, batches, step.watermark(), false);
      folded += step.folded();
      batches++;
    }
  }

  /** Recomputes {@code tenantId}'s rollups from its whole chain, in one transaction. */
  public CatchUp rebuild(String tenantId, Instant now) {
    return retrying(() -> jdbi.inTransaction(h -> {
      UsageDao dao = h.attach(UsageDao.class);
      if (dao.lockWatermark(tenantId).isEmpty()) dao.createWatermark(tenantId, now);
      return rebuild(h, tenantId, now);
    }));
  }

  /** The watermark: the last entry folded in (0 when none was). */
  public long watermark(String tenantId) {
    return jdbi.withExtension(UsageDao.class, dao -> dao.watermark(tenantId).orElse(0L));
  }

  private CatchUp step(Handle h, String tenantId, Instant now) {
    UsageDao dao = h.attach(UsageDao.class);
    Long from = dao.lockWatermark(tenantId).orElse(null);
    if (from == null) {
      dao.createWatermark(tenantId, now);
      return rebuild(h, tenantId, now);
    }
    long to = Math.min(chainHead(h, tenantId), from + batch);
    if (to <= from) return new CatchUp(0, 0, from, false);
    UsageDao.Folds folds = onPostgres(h) ? h.attach(UsageDao.OnPostgres.class) : h.attach(UsageDao.OnH2.class);
    folds.foldGrants(tenantId, from, to);
    folds.foldActionHours(tenantId, from, to);
    folds.foldOutsideHours(tenantId, from, to);
    dao.moveWatermark(tenantId, to, now);
    return new CatchUp(to - from, 1, to, false);
  }

  /** Within a transaction holding the watermark's lock: the rollups from the chain up to its head. */
  private static CatchUp rebuild(Handle h, String tenantId, Instant now) {
    UsageDao dao = h.attach(UsageDao.class);
    dao.deleteGrants(tenantId);
    dao.deleteActionHours(tenantId);
    dao.deleteOutsideHours(tenantId);
    long head = chainHead(h, tenantId);
    dao.insertGrants(tenantId, 0, head);
    dao.insertActionHours(tenantId, 0, head);
    dao.insertOutsideHours(tenantId, 0, head);
    dao.moveWatermark(tenantId, head, now);
    if (onPostgres(h)) h.attach(UsageDao.OnPostgres.class).analyze();
    return new CatchUp(head, 1, head, true);
  }

  private static boolean onPostgres(Handle h) {
    try {
      return h.getConnection().isWrapperFor(PGConnection.class);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell the database's kind", e);
    }
  }

  private static CatchUp retrying(Supplier<CatchUp> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS || !Constraints.isUniqueViolation(e)) throw e;
      }
    }
  }

  /** Each grant's latest use at or after {@code since} (AC-3): equal to {@link SnapshotDao#grantLastUse}. */
  public Map<String, Instant> grantLastUse(Handle h, String tenantId, Instant since) {
    UsageDao dao = h.attach(UsageDao.class);
    return dao.grantLastUse(tenantId, since, dao.watermark(tenantId).orElse(0L)).stream()
        .collect(Collectors.toMap(SnapshotDao.KeyedTime::key, SnapshotDao.KeyedTime::at));
  }

  /** How many actions were reported at or after {@code since} (AC-6): equal to {@link SnapshotDao#actionsSince}. */
  public long actionsSince(Handle h, String tenantId, Instant since) {
    Hours hours = Hours.from(since);
    UsageDao dao = h.attach(UsageDao.class);
    return dao.actionsSince(tenantId, since, hours.fullFrom(), hours.edgeEnd(), dao.watermark(tenantId).orElse(0L));
  }

  /**
   * The groups of actions at or after {@code since} outside every grant (AC-6), in the same
   * order: equal to {@link SnapshotDao#actionsOutsideGrants}.
   */
  public List<SnapshotDao.OutsideRow> actionsOutsideGrants(Handle h, String tenantId, Instant since) {
    Hours hours = Hours.from(since);
    UsageDao dao = h.attach(UsageDao.class);
    return dao.actionsOutsideGrants(tenantId, since, hours.fullFrom(), hours.edgeEnd(),
        dao.watermark(tenantId).orElse(0L));
  }

  /** The rollups as stored, or as folding the whole chain gives them: equal once caught up. */
  public record Contents(List<UsageDao.GrantRow> grants, List<UsageDao.ActionHourRow> actionHours,
      List<UsageDao.OutsideHourRow> outsideHours) {}

  /** What {@code tenantId}'s rollups hold. */
  public Contents stored(String tenantId) {
    return jdbi.withExtension(UsageDao.class, dao -> new Contents(dao.grants(tenantId), dao.actionHours(tenantId),
        dao.outsideHours(tenantId)));
  }

  /** What folding {@code tenantId}'s chain up to {@code seq} gives. */
  public Contents recomputed(String tenantId, long seq) {
    return jdbi.withExtension(UsageDao.class, dao -> new Contents(dao.chainGrants(tenantId, 0, seq),
        dao.chainActionHours(tenantId, 0, seq), dao.chainOutsideHours(tenantId, 0, seq)));
  }

  /** The seq of the tenant's last audit entry, 0 for an empty chain. */
  private static long chainHead(Handle h, String tenantId) {
    return h.attach(AuditDao.class).head(tenantId).map(Head::seq).orElse(0L);
  }
}
