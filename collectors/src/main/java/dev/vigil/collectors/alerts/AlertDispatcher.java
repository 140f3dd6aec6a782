package dev.vigil.collectors.alerts;

import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an {@link Alert} to every configured {@link Webhook}, signed, retried with backoff, and
 * records each delivery in {@code alert_deliveries}.
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * AlertDispatcher alerts = new AlertDispatcher(jdbi, webhooks, RetryPolicy.defaults(), ids, clock);
 * alerts.start();        // resumes deliveries a previous process left pending
 * alerts.send(alert);    // from a control run: returns at once
 * alerts.close();        // on shutdown
 * }</pre>
 *
 * <p>{@link #send} never blocks and never throws: the payload is built, stored and sent on the
 * dispatcher's own daemon threads ({@code vigil-alerts-N}), and requests are asynchronous, so a
 * slow or dead receiver delays nothing but its own deliveries. Delivery is at least once: a
 * receiver may see the same delivery twice (a response lost, a restart mid-attempt) and should
 * drop repeats by {@code X-Vigil-Delivery}.
 *
 * <h2>What a receiver gets</h2>
 *
 * <p>A {@code POST} whose body is the alert as canonical JSON (RFC 8785): {@code type}
 * ({@code "control.status_changed"}), {@code tenantId}, {@code controlId}, {@code title},
 * {@code previousStatus} (null on a control's first run), {@code status}, {@code runId},
 * {@code at} (ISO-8601), {@code openFindings}, {@code exceptions}. Headers:
 * <ul>
 *   <li>{@code Content-Type: application/json}, {@code User-Agent: Vigil};
 *   <li>{@code X-Vigil-Delivery}: the delivery id, the same on every attempt;
 *   <li>{@code X-Vigil-Timestamp}: Unix seconds when this attempt was made;
 *   <li>{@code X-Vigil-Signature}: {@code sha256=} and the lowercase hex of
 *       HMAC-SHA256(secret, timestamp + "." + body);
 *   <li>{@code Authorization: Basic ...} when the webhook URL carries {@code user:password@}.
 * </ul>
 *
 * <h2>Verifying a request</h2>
 *
 * <ol>
 *   <li>Read {@code X-Vigil-Timestamp} and the raw body bytes, before any JSON parsing.
 *   <li>Compute HMAC-SHA256 with the shared secret over the timestamp, a {@code .}, and the
 *       body; compare its hex to the signature header in constant time
 *       ({@code MessageDigest.isEqual}). A mismatch means the request is not from Vigil, or was
 *       altered.
 *   <li>Reject a timestamp more than a few minutes from your clock. The timestamp is signed so
 *       that this check means something: without it, anyone who once captured a request (a
 *       proxy log, a leaked capture) could replay it forever, and the signature would still
 *       verify; with it, a replay is only accepted inside that window, and changing the
 *       timestamp breaks the signature. Within the window, drop repeats by delivery id.
 * </ol>
 *
 * <h2>Retries and restarts</h2>
 *
 * <p>A 2xx answer delivers. Anything else (another status, a timeout, a refused connection) is
 * recorded and retried after {@link RetryPolicy#delayAfter}; after {@link RetryPolicy#maxAttempts}
 * the delivery is {@code FAILED}. Redirects are not followed: a signed alert goes only where it
 * was configured to go. Backoff timers live in memory; {@link #close} drops them, and the next
 * {@link #start} picks the deliveries up from the table at their {@code next_attempt_at}.
 *
 * <p>Secrets (the HMAC secret, credentials and query string of the URL) are never logged, stored
 * or returned: rows and log lines name the webhook by its {@linkplain Webhook#safeUrl() safe URL},
 * and errors are redacted. Thread-safe.
 *
 * <p>This class makes the payload; an {@link Outbox} delivers it, whose helpers each do one
 * job: {@link Deliveries} keeps the rows, {@link WebhookDestination} makes each attempt through
 * {@link WebhookClient} (signed by {@link Signature}) and {@link FailureReason} (which words a
 * failure without secrets), and {@link DeliveryScheduler} runs the attempts and the backoff
 * timers between them.
 */
public final class AlertDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  private final Deliveries rows;
  private final Outbox outbox;

  /**
   * @throws IllegalArgumentException if two webhooks have the same safe URL: their deliveries
   *     could not be told apart after a restart
   */
  public AlertDispatcher(Jdbi jdbi, List<Webhook> webhooks, RetryPolicy policy, Ids ids, Clock clock) {
    this(jdbi, webhooks, policy, ids, clock, Outbox.Listener.NONE);
  }

  /** A dispatcher whose {@code listener} hears how each delivery attempt settled (kind {@code alert}). */
  public AlertDispatcher(Jdbi jdbi, List<Webhook> webhooks, RetryPolicy policy, Ids ids, Clock clock,
      Outbox.Listener listener) {
    this.rows = new Deliveries(jdbi);
    this.outbox = new Outbox(LOG, "alert", "webhook", rows, WebhookDestination.of(webhooks, policy.timeout(), clock),
        policy, ids, clock, listener);
  }

  /**
   * Resumes, in the background, the deliveries left {@code PENDING} in the table, each at its
   * {@code next_attempt_at}. A delivery whose webhook is no longer configured becomes
   * {@code FAILED}. Calling it again is harmless.
   */
  public void start() {
    outbox.start();
  }

  /**
   * Queues {@code alert} for every webhook and returns at once; never throws. Does nothing when
   * no webhook is configured; an alert sent after {@link #close} is dropped with a warning.
   */
  public void send(Alert alert) {
    if (alert == null) return;
    if (!outbox.send(alert.tenantId(), "alert for control " + alert.controlId(), alert::json,
        due -> rows.insertAll(alert.controlId(), due))) {
      LOG.warn("alert for control {} of tenant {} dropped: the dispatcher is closed",
          alert.controlId(), alert.tenantId());
    }
  }

  /** The deliveries of a tenant, oldest first; {@code after} is a cursor ({@code null} at first). */
  public Page<Delivery> deliveries(String tenantId, String after, int limit) {
    return rows.page(tenantId, after, limit);
  }

  /** Stops sending; pending retries stay in the table for the next {@link #start}. */
  @Override
  public void close() {
    outbox.close();
  }
}
