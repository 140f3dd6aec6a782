package dev.vigil.collectors.alerts;

import dev.vigil.collectors.db.Page;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The rows of {@code alert_deliveries}: where each delivery stands, so that a restarted process
 * resumes what the last one left pending. Holds no secret. Thread-safe.
 */
final class Deliveries {

  private final Jdbi jdbi;

  Deliveries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores {@code rows} in one transaction: all of an alert's deliveries, or none. */
  void insertAll(List<Delivery> rows) {
    jdbi.useTransaction(h -> {
      AlertDao dao = h.attach(AlertDao.class);
      rows.forEach(dao::insert);
    });
  }

  /** Every pending delivery, of every tenant, the most overdue first. */
  List<Delivery> pending() {
    return jdbi.withExtension(AlertDao.class, AlertDao::pending);
  }

  /**
   * Records attempt number {@code attempt.attempts()} of a pending delivery. Returns whether the
   * row was still the caller's to update; {@code false} means someone else settled it.
   */
  boolean record(String tenantId, String id, Attempt attempt) {
    return jdbi.withExtension(AlertDao.class, dao -> dao.recordAttempt(tenantId, id, attempt.status(),
        attempt.attempts(), attempt.statusCode(), attempt.error(), attempt.nextAttemptAt(),
        attempt.deliveredAt())) == 1;
  }

  /** Marks a pending delivery {@code FAILED} without another attempt. */
  void abandon(String tenantId, String id, String why) {
    jdbi.useExtension(AlertDao.class, dao -> dao.abandon(tenantId, id, why));
  }

  /** The deliveries of a tenant, oldest first; {@code after} is a cursor ({@code null} at first). */
  Page<Delivery> page(String tenantId, String after, int limit) {
    String from = after == null ? "" : after;
    return Page.of(jdbi.withExtension(AlertDao.class, dao -> dao.list(tenantId, from, limit + 1)),
        limit, Delivery::id);
  }

  /**
   * What one attempt left: the delivery's new status, the attempts made so far, and what the
   * receiver answered or why it could not be reached.
   *
   * @param statusCode the HTTP status, {@code null} if no receiver answered
   * @param error why the attempt failed, already redacted; {@code null} if it delivered
   * @param nextAttemptAt when a delivery left {@code PENDING} is due again
   * @param deliveredAt when a receiver answered 2xx
   */
  record Attempt(Delivery.Status status, int attempts, Integer statusCode, String error, Instant nextAttemptAt,
      Instant deliveredAt) {

    static Attempt delivered(int attempts, int statusCode, Instant at) {
      return new Attempt(Delivery.Status.DELIVERED, attempts, statusCode, null, null, at);
    }

    static Attempt failed(int attempts, Integer statusCode, String error) {
      return new Attempt(Delivery.Status.FAILED, attempts, statusCode, error, null, null);
    }

    static Attempt retry(int attempts, Integer statusCode, String error, Instant due) {
      return new Attempt(Delivery.Status.PENDING, attempts, statusCode, error, due, null);
    }
  }
}
