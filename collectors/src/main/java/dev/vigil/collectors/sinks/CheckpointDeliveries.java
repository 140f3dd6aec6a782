package dev.vigil.collectors.sinks;

import dev.vigil.collectors.alerts.Delivery;
import dev.vigil.collectors.alerts.Ledger;
import dev.vigil.collectors.db.Page;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The rows of {@code checkpoint_deliveries}: where each checkpoint stands with each sink, so
 * that a restarted process resumes what the last one left pending. Thread-safe.
 */
final class CheckpointDeliveries implements Ledger {

  private final Jdbi jdbi;

  CheckpointDeliveries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores the deliveries of checkpoint {@code size} in one transaction: all of them, or none. */
  void insertAll(long size, List<Due> rows) {
    jdbi.useTransaction(h -> {
      CheckpointDeliveryDao dao = h.attach(CheckpointDeliveryDao.class);
      for (Due d : rows) {
        dao.insert(new CheckpointDelivery(d.id(), d.tenantId(), size, d.destination(), d.payload(),
            Delivery.Status.PENDING, d.attempts(), null, null, d.nextAttemptAt(), d.nextAttemptAt(), null));
      }
    });
  }

  @Override
  public List<Due> pending() {
    return jdbi.withExtension(CheckpointDeliveryDao.class, CheckpointDeliveryDao::pending).stream()
        .map(d -> new Due(d.tenantId(), d.id(), d.sink(), d.payload(), d.attempts(), d.nextAttemptAt()))
        .toList();
  }

  @Override
  public boolean record(String tenantId, String id, Attempt attempt) {
    return jdbi.withExtension(CheckpointDeliveryDao.class, dao -> dao.recordAttempt(tenantId, id,
        attempt.status(), attempt.attempts(), attempt.statusCode(), attempt.error(), attempt.nextAttemptAt(),
        attempt.deliveredAt())) == 1;
  }

  @Override
  public void abandon(String tenantId, String id, String why) {
    jdbi.useExtension(CheckpointDeliveryDao.class, dao -> dao.abandon(tenantId, id, why));
  }

  List<CheckpointDelivery> troubled(Instant since, int limit) {
    return jdbi.withExtension(CheckpointDeliveryDao.class, dao -> dao.troubled(since, limit));
  }

  Page<CheckpointDelivery> page(String tenantId, String after, int limit) {
    String from = after == null ? "" : after;
    return Page.of(jdbi.withExtension(CheckpointDeliveryDao.class, dao -> dao.list(tenantId, from, limit + 1)),
        limit, CheckpointDelivery::id);
  }
}
