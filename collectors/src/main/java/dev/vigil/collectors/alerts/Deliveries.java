package dev.vigil.collectors.alerts;

import dev.vigil.collectors.db.Page;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The rows of {@code alert_deliveries}: where each delivery stands, so that a restarted process
 * resumes what the last one left pending. Holds no secret. Thread-safe.
 */
final class Deliveries implements Ledger {

  private final Jdbi jdbi;

  Deliveries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores the deliveries of one alert in one transaction: all of them, or none. */
  void insertAll(String controlId, List<Due> rows) {
    jdbi.useTransaction(h -> {
      AlertDao dao = h.attach(AlertDao.class);
      for (Due d : rows) {
        dao.insert(new Delivery(d.id(), d.tenantId(), controlId, d.destination(), d.payload(),
            Delivery.Status.PENDING, d.attempts(), null, null, d.nextAttemptAt(), d.nextAttemptAt(), null));
      }
    });
  }

  @Override
  public List<Due> pending() {
    return jdbi.withExtension(AlertDao.class, AlertDao::pending).stream()
        .map(d -> new Due(d.tenantId(), d.id(), d.webhook(), d.payload(), d.attempts(), d.nextAttemptAt()))
        .toList();
  }

  @Override
  public boolean record(String tenantId, String id, Attempt attempt) {
    return jdbi.withExtension(AlertDao.class, dao -> dao.recordAttempt(tenantId, id, attempt.status(),
        attempt.attempts(), attempt.statusCode(), attempt.error(), attempt.nextAttemptAt(),
        attempt.deliveredAt())) == 1;
  }

  @Override
  public void abandon(String tenantId, String id, String why) {
    jdbi.useExtension(AlertDao.class, dao -> dao.abandon(tenantId, id, why));
  }

  /** The deliveries of a tenant, oldest first; {@code after} is a cursor ({@code null} at first). */
  Page<Delivery> page(String tenantId, String after, int limit) {
    String from = after == null ? "" : after;
    return Page.of(jdbi.withExtension(AlertDao.class, dao -> dao.list(tenantId, from, limit + 1)),
        limit, Delivery::id);
  }
}
