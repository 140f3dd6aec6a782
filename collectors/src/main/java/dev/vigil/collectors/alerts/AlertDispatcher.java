package dev.vigil.collectors.alerts;

import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>This class decides what happens to a delivery after each attempt; its helpers each do one
 * job: {@link Deliveries} keeps the rows, {@link WebhookClient} makes the request (signed by
 * {@link Signature}), {@link FailureReason} words a failure without secrets, and {@link
 * DeliveryScheduler} runs the attempts and the backoff timers between them.
 */
public final class AlertDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  private final List<Webhook> webhooks;
  private final Map<String, Webhook> bySafeUrl;
  private final RetryPolicy policy;
  private final Ids ids;
  private final Clock clock;
  private final Deliveries rows;
  private final WebhookClient client;
  private final DeliveryScheduler scheduler = new DeliveryScheduler();

  /**
   * @throws IllegalArgumentException if two webhooks have the same safe URL: their deliveries
   *     could not be told apart after a restart
   */
  public AlertDispatcher(Jdbi jdbi, List<Webhook> webhooks, RetryPolicy policy, Ids ids, Clock clock) {
    this.webhooks = List.copyOf(webhooks);
    this.policy = policy;
    this.ids = ids;
    this.clock = clock;
    Map<String, Webhook> byUrl = new LinkedHashMap<>();
    for (Webhook w : this.webhooks) {
      if (byUrl.putIfAbsent(w.safeUrl(), w) != null) {
        throw new IllegalArgumentException("two webhooks share the URL " + w.safeUrl()
            + " once credentials and query are removed; give each its own path");
      }
    }
    this.bySafeUrl = Map.copyOf(byUrl);
    this.rows = new Deliveries(jdbi);
    this.client = new WebhookClient(policy.timeout(), clock);
  }

  /**
   * Resumes, in the background, the deliveries left {@code PENDING} in the table, each at its
   * {@code next_attempt_at}. A delivery whose webhook is no longer configured becomes
   * {@code FAILED}. Calling it again is harmless.
   */
  public void start() {
    scheduler.execute(this::resume);
  }

  /**
   * Queues {@code alert} for every webhook and returns at once; never throws. Does nothing when
   * no webhook is configured; an alert sent after {@link #close} is dropped with a warning.
   */
  public void send(Alert alert) {
    if (alert == null || webhooks.isEmpty()) return;
    if (!scheduler.execute(() -> enqueue(alert))) {
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
    scheduler.close();
  }

  /** One delivery being worked on: its row's key, where it goes, and the attempts so far. */
  private record Job(String tenantId, String id, Webhook webhook, String payload, int attempts) {
    Job next() {
      return new Job(tenantId, id, webhook, payload, attempts + 1);
    }
  }

  private void enqueue(Alert alert) {
    List<Job> jobs = new ArrayList<>();
    try {
      String payload = alert.json();
      Instant now = clock.instant();
      List<Delivery> pending = new ArrayList<>();
      for (Webhook w : webhooks) {
        Delivery d = new Delivery(ids.next("dlv"), alert.tenantId(), alert.controlId(), w.safeUrl(), payload,
            Delivery.Status.PENDING, 0, null, null, now, now, null);
        pending.add(d);
        jobs.add(new Job(d.tenantId(), d.id(), w, payload, 0));
        // Claimed before the rows exist, so a concurrent start() cannot pick them up as well.
        scheduler.claim(d.id());
      }
      rows.insertAll(pending);
    } catch (RuntimeException e) {
      jobs.forEach(j -> scheduler.release(j.id()));
      LOG.error("alert for control {} of tenant {} could not be recorded, so it is not sent",
          alert.controlId(), alert.tenantId(), e);
      return;
    }
    jobs.forEach(this::attempt);
  }

  private void resume() {
    List<Delivery> pending;
    try {
      pending = rows.pending();
    } catch (RuntimeException e) {
      LOG.error("pending alert deliveries could not be loaded; they resume on the next start", e);
      return;
    }
    Instant now = clock.instant();
    for (Delivery d : pending) {
      if (!scheduler.claim(d.id())) continue;
      Webhook w = bySafeUrl.get(d.webhook());
      if (w == null) {
        scheduler.release(d.id());
        try {
          rows.abandon(d.tenantId(), d.id(), "webhook no longer configured");
          LOG.warn("alert delivery {} to {} abandoned: webhook no longer configured", d.id(), d.webhook());
        } catch (RuntimeException e) {
          LOG.warn("alert delivery {} to {} could not be marked failed", d.id(), d.webhook(), e);
        }
        continue;
      }
      Duration delay = d.nextAttemptAt() == null || !d.nextAttemptAt().isAfter(now)
          ? Duration.ZERO : Duration.between(now, d.nextAttemptAt());
      Job job = new Job(d.tenantId(), d.id(), w, d.payload(), d.attempts());
      scheduler.schedule(job.id(), () -> attempt(job), delay);
    }
  }

  private void attempt(Job job) {
    if (scheduler.closed()) {
      scheduler.release(job.id());
      return;
    }
    client.post(job.webhook(), job.id(), job.payload())
        .whenComplete((reply, error) -> {
          // Closed while a request was out: the row stays PENDING and the next start() resends it.
          scheduler.execute(() -> settle(job, reply, error));
        });
  }

  private void settle(Job job, WebhookClient.Reply reply, Throwable error) {
    int attempts = job.attempts() + 1;
    Integer code = error == null ? reply.status() : null;
    Instant now = clock.instant();
    String url = job.webhook().safeUrl();
    try {
      if (error == null && reply.delivered()) {
        record(job, Deliveries.Attempt.delivered(attempts, code, now));
        scheduler.release(job.id());
        LOG.debug("alert delivery {} to {} delivered on attempt {}", job.id(), url, attempts);
        return;
      }
      String why = error == null
          ? FailureReason.answered(job.webhook(), code, reply.body())
          : FailureReason.unanswered(job.webhook(), error, policy.timeout());
      if (attempts >= policy.maxAttempts()) {
        record(job, Deliveries.Attempt.failed(attempts, code, why));
        scheduler.release(job.id());
        LOG.warn("alert delivery {} to {} failed for good after {} attempts: {}", job.id(), url, attempts, why);
        return;
      }
      Duration delay = policy.delayAfter(attempts);
      if (record(job, Deliveries.Attempt.retry(attempts, code, why, now.plus(delay)))) {
        LOG.warn("alert delivery {} to {} failed (attempt {} of {}), retrying in {}: {}",
            job.id(), url, attempts, policy.maxAttempts(), delay, why);
        Job next = job.next();
        scheduler.schedule(next.id(), () -> attempt(next), delay);
      } else {
        scheduler.release(job.id());
      }
    } catch (RuntimeException e) {
      scheduler.release(job.id());
      LOG.warn("alert delivery {} to {}: attempt {} could not be recorded; it resumes on the next start",
          job.id(), url, attempts, e);
    }
  }

  /** Whether the row was still this job's to update; if not, someone else settled it. */
  private boolean record(Job job, Deliveries.Attempt attempt) {
    boolean ours = rows.record(job.tenantId(), job.id(), attempt);
    if (!ours) LOG.debug("alert delivery {} was settled elsewhere", job.id());
    return ours;
  }
}
