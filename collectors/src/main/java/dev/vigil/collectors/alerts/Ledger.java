package dev.vigil.collectors.alerts;

import java.time.Instant;
import java.util.List;

/**
 * The table where an {@link Outbox} keeps its deliveries, so that a restarted process resumes
 * what the last one left pending. Each kind of payload has its own table; every update applies
 * only to a delivery that is still {@code PENDING} with the attempts the caller saw.
 */
public interface Ledger {

  /** Every pending delivery, of every tenant, the most overdue first. */
  List<Due> pending();

  /**
   * Records attempt number {@code attempt.attempts()} of a pending delivery. Returns whether the
   * row was still the caller's to update; {@code false} means someone else settled it.
   */
  boolean record(String tenantId, String id, Attempt attempt);

  /** Marks a pending delivery {@code FAILED} without another attempt. */
  void abandon(String tenantId, String id, String why);

  /**
   * A delivery waiting for its next attempt, as a row holds it.
   *
   * @param destination the {@linkplain Destination#name() name} of where it goes
   * @param attempts attempts made so far
   * @param nextAttemptAt when it is due; {@code null} or past means now
   */
  record Due(String tenantId, String id, String destination, String payload, int attempts, Instant nextAttemptAt) {}

  /**
   * What one attempt left: the delivery's new status, the attempts made so far, and what the
   * receiver answered or why it could not be reached.
   *
   * @param statusCode the HTTP status, {@code null} if no receiver answered
   * @param error why the attempt failed, or a remark on a delivery, already redacted
   * @param nextAttemptAt when a delivery left {@code PENDING} is due again
   * @param deliveredAt when the payload reached its destination
   */
  record Attempt(Delivery.Status status, int attempts, Integer statusCode, String error, Instant nextAttemptAt,
      Instant deliveredAt) {

    static Attempt delivered(int attempts, Outcome outcome, Instant at) {
      return new Attempt(Delivery.Status.DELIVERED, attempts, outcome.statusCode(), outcome.remark(), null, at);
    }

    static Attempt failed(int attempts, Integer statusCode, String error) {
      return new Attempt(Delivery.Status.FAILED, attempts, statusCode, error, null, null);
    }

    static Attempt retry(int attempts, Integer statusCode, String error, Instant due) {
      return new Attempt(Delivery.Status.PENDING, attempts, statusCode, error, due, null);
    }
  }
}
