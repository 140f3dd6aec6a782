package dev.vigil.collectors.alerts;

import java.time.Instant;

/**
 * One alert on its way to one webhook: a row of {@code alert_deliveries}. Holds no secret: the
 * webhook is its {@linkplain Webhook#safeUrl() safe URL}, and the error is redacted.
 *
 * @param id also sent as {@code X-Vigil-Delivery}, the same on every attempt, so a receiver can
 *     drop duplicates
 * @param payload the JSON body, the same on every attempt
 * @param attempts attempts made so far
 * @param lastStatusCode the HTTP status of the last attempt, {@code null} if none answered
 * @param lastError why the last attempt failed, {@code null} if it did not
 * @param nextAttemptAt when a {@link Status#PENDING} delivery is due
 */
public record Delivery(String id, String tenantId, String controlId, String webhook, String payload,
    Status status, int attempts, Integer lastStatusCode, String lastError, Instant createdAt,
    Instant nextAttemptAt, Instant deliveredAt) {

  /** Where a delivery stands. */
  public enum Status {
    /** Not delivered yet; another attempt is due at {@code nextAttemptAt}. */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Out of attempts, or its webhook is no longer configured. */
    FAILED
  }
}
