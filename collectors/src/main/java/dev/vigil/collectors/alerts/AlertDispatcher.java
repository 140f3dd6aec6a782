package dev.vigil.collectors.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import dev.vigil.controls.audit.CanonicalJson;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 */
public final class AlertDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  /** The most of a failed response's body that is kept, as a hint for whoever reads the row. */
  static final int MAX_BODY_IN_ERROR = 200;
  /**
   * How much of a failed response's body is read: more than is kept, so that a secret the
   * receiver echoes across the cut is still whole when redacted, and no prefix of it survives.
   */
  private static final int BODY_READ = 4096;
  private static final int MAX_ERROR = 500;
  private static final int THREADS = 2;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
  private static final String REDACTED = "(redacted)";

  private final Jdbi jdbi;
  private final List<Webhook> webhooks;
  private final Map<String, Webhook> bySafeUrl;
  private final RetryPolicy policy;
  private final Ids ids;
  private final Clock clock;
  private final HttpClient client;
  private final ScheduledThreadPoolExecutor executor;
  /** Deliveries this dispatcher is working on, so that {@link #start} does not start them twice. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @throws IllegalArgumentException if two webhooks have the same safe URL: their deliveries
   *     could not be told apart after a restart
   */
  public AlertDispatcher(Jdbi jdbi, List<Webhook> webhooks, RetryPolicy policy, Ids ids, Clock clock) {
    this.jdbi = jdbi;
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
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(policy.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(THREADS, r -> {
      Thread t = new Thread(r, "vigil-alerts-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    // Backoff timers must not hold up shutdown; the table remembers what is pending.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Resumes, in the background, the deliveries left {@code PENDING} in the table, each at its
   * {@code next_attempt_at}. A delivery whose webhook is no longer configured becomes
   * {@code FAILED}. Calling it again is harmless.
   */
  public void start() {
    submit(this::resume);
  }

  /**
   * Queues {@code alert} for every webhook and returns at once; never throws. Does nothing when
   * no webhook is configured; an alert sent after {@link #close} is dropped with a warning.
   */
  public void send(Alert alert) {
    if (alert == null || webhooks.isEmpty()) return;
    try {
      executor.execute(() -> enqueue(alert));
    } catch (RuntimeException e) {
      LOG.warn("alert for control {} of tenant {} dropped: the dispatcher is closed",
          alert.controlId(), alert.tenantId());
    }
  }

  /** The deliveries of a tenant, oldest first; {@code after} is a cursor ({@code null} at first). */
  public Page<Delivery> deliveries(String tenantId, String after, int limit) {
    String from = after == null ? "" : after;
    return Page.of(jdbi.withExtension(AlertDao.class, dao -> dao.list(tenantId, from, limit + 1)),
        limit, Delivery::id);
  }

  /** Stops sending; pending retries stay in the table for the next {@link #start}. */
  @Override
  public void close() {
    closed = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) executor.shutdownNow();
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
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
      String payload = payload(alert);
      Instant now = clock.instant();
      List<Delivery> rows = new ArrayList<>();
      for (Webhook w : webhooks) {
        Delivery d = new Delivery(ids.next("dlv"), alert.tenantId(), alert.controlId(), w.safeUrl(), payload,
            Delivery.Status.PENDING, 0, null, null, now, now, null);
        rows.add(d);
        jobs.add(new Job(d.tenantId(), d.id(), w, payload, 0));
        // Claimed before the rows exist, so a concurrent start() cannot pick them up as well.
        inFlight.add(d.id());
      }
      jdbi.useTransaction(h -> {
        AlertDao dao = h.attach(AlertDao.class);
        rows.forEach(dao::insert);
      });
    } catch (RuntimeException e) {
      jobs.forEach(j -> inFlight.remove(j.id()));
      LOG.error("alert for control {} of tenant {} could not be recorded, so it is not sent",
          alert.controlId(), alert.tenantId(), e);
      return;
    }
    jobs.forEach(this::attempt);
  }

  private void resume() {
    List<Delivery> pending;
    try {
      pending = jdbi.withExtension(AlertDao.class, AlertDao::pending);
    } catch (RuntimeException e) {
      LOG.error("pending alert deliveries could not be loaded; they resume on the next start", e);
      return;
    }
    Instant now = clock.instant();
    for (Delivery d : pending) {
      if (!inFlight.add(d.id())) continue;
      Webhook w = bySafeUrl.get(d.webhook());
      if (w == null) {
        inFlight.remove(d.id());
        try {
          jdbi.useExtension(AlertDao.class, dao -> dao.abandon(d.tenantId(), d.id(), "webhook no longer configured"));
          LOG.warn("alert delivery {} to {} abandoned: webhook no longer configured", d.id(), d.webhook());
        } catch (RuntimeException e) {
          LOG.warn("alert delivery {} to {} could not be marked failed", d.id(), d.webhook(), e);
        }
        continue;
      }
      Duration delay = d.nextAttemptAt() == null || !d.nextAttemptAt().isAfter(now)
          ? Duration.ZERO : Duration.between(now, d.nextAttemptAt());
      Job job = new Job(d.tenantId(), d.id(), w, d.payload(), d.attempts());
      schedule(job, delay);
    }
  }

  private void attempt(Job job) {
    if (closed) {
      inFlight.remove(job.id());
      return;
    }
    try {
      long timestamp = clock.instant().getEpochSecond();
      byte[] body = job.payload().getBytes(StandardCharsets.UTF_8);
      HttpRequest.Builder request = HttpRequest.newBuilder(job.webhook().requestUri())
          .timeout(policy.timeout())
          .header("Content-Type", "application/json")
          .header("User-Agent", "Vigil")
          .header("X-Vigil-Delivery", job.id())
          .header("X-Vigil-Timestamp", Long.toString(timestamp))
          .header("X-Vigil-Signature", "sha256=" + sign(job.webhook().secret(), timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      String userInfo = job.webhook().userInfo();
      if (userInfo != null) {
        request.header("Authorization",
            "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
      }
      client.sendAsync(request.build(), info -> ok(info.statusCode())
              ? HttpResponse.BodySubscribers.replacing("")
              : new Snippet(BODY_READ))
          // The request timeout covers the wait for headers; this one also bounds the body.
          .orTimeout(policy.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((response, error) -> submit(() -> settle(job, response, error)));
    } catch (RuntimeException e) {
      settle(job, null, e);
    }
  }

  private void settle(Job job, HttpResponse<String> response, Throwable error) {
    int attempts = job.attempts() + 1;
    Integer code = error == null ? response.statusCode() : null;
    Instant now = clock.instant();
    String url = job.webhook().safeUrl();
    try {
      if (code != null && ok(code)) {
        record(job, Delivery.Status.DELIVERED, attempts, code, null, null, now);
        inFlight.remove(job.id());
        LOG.debug("alert delivery {} to {} delivered on attempt {}", job.id(), url, attempts);
        return;
      }
      String why = describe(job.webhook(), code, response, error);
      if (attempts >= policy.maxAttempts()) {
        record(job, Delivery.Status.FAILED, attempts, code, why, null, null);
        inFlight.remove(job.id());
        LOG.warn("alert delivery {} to {} failed for good after {} attempts: {}", job.id(), url, attempts, why);
        return;
      }
      Duration delay = policy.delayAfter(attempts);
      if (record(job, Delivery.Status.PENDING, attempts, code, why, now.plus(delay), null)) {
        LOG.warn("alert delivery {} to {} failed (attempt {} of {}), retrying in {}: {}",
            job.id(), url, attempts, policy.maxAttempts(), delay, why);
        schedule(job.next(), delay);
      } else {
        inFlight.remove(job.id());
      }
    } catch (RuntimeException e) {
      inFlight.remove(job.id());
      LOG.warn("alert delivery {} to {}: attempt {} could not be recorded; it resumes on the next start",
          job.id(), url, attempts, e);
    }
  }

  /** Whether the row was still this job's to update; if not, someone else settled it. */
  private boolean record(Job job, Delivery.Status status, int attempts, Integer code, String error,
      Instant nextAttemptAt, Instant deliveredAt) {
    int changed = jdbi.withExtension(AlertDao.class, dao -> dao.recordAttempt(job.tenantId(), job.id(), status,
        attempts, code, error, nextAttemptAt, deliveredAt));
    if (changed == 0) LOG.debug("alert delivery {} was settled elsewhere", job.id());
    return changed == 1;
  }

  private void schedule(Job job, Duration delay) {
    try {
      executor.schedule(() -> attempt(job), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed: the row keeps its next_attempt_at, and the next start() resumes it.
      inFlight.remove(job.id());
    }
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed while a request was out: the row stays PENDING and the next start() resends it.
    }
  }

  private static boolean ok(int status) {
    return status >= 200 && status < 300;
  }

  private String describe(Webhook webhook, Integer code, HttpResponse<String> response, Throwable error) {
    String why;
    if (error == null) {
      String body = response.body() == null ? "" : redact(webhook, response.body());
      body = body.replaceAll("\\p{Cntrl}+", " ").strip();
      if (body.length() > MAX_BODY_IN_ERROR) body = body.substring(0, MAX_BODY_IN_ERROR);
      why = "HTTP " + code + (body.isEmpty() ? "" : ": " + body);
    } else {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
        why = "timed out after " + policy.timeout().toMillis() + " ms";
      } else if (cause instanceof ConnectException) {
        why = "connection failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      } else {
        why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      }
    }
    why = redact(webhook, why);
    return why.length() <= MAX_ERROR ? why : why.substring(0, MAX_ERROR - 3) + "...";
  }

  /** Removes anything secret that a receiver's answer or an exception message may echo. */
  private static String redact(Webhook webhook, String text) {
    java.net.URI uri = java.net.URI.create(webhook.url());
    List<String> secrets = new ArrayList<>();
    secrets.add(webhook.secret());
    secrets.add(uri.getRawUserInfo());
    secrets.add(uri.getUserInfo());
    secrets.add(uri.getRawQuery());
    secrets.add(uri.getQuery());
    String userInfo = uri.getUserInfo();
    if (userInfo != null) {
      // As sent in the Authorization header, which a receiver may echo.
      secrets.add(Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
      if (userInfo.indexOf(':') >= 0) secrets.add(userInfo.substring(userInfo.indexOf(':') + 1));
    }
    // Longest first, so that a secret containing another is removed whole.
    secrets.removeIf(s -> s == null || s.length() < 4);
    secrets.sort((a, b) -> b.length() - a.length());
    for (String s : secrets) text = text.replace(s, REDACTED);
    return text;
  }

  private static String payload(Alert alert) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "control.status_changed");
    node.put("tenantId", alert.tenantId());
    node.put("controlId", alert.controlId());
    node.put("title", alert.title());
    node.put("previousStatus", alert.previousStatus());
    node.put("status", alert.status());
    node.put("runId", alert.runId());
    node.put("at", alert.at().toString());
    node.put("openFindings", alert.openFindings());
    node.put("exceptions", alert.exceptions());
    return CanonicalJson.string(node);
  }

  private static String sign(String secret, long timestamp, byte[] body) {
    try {
      // A Mac is stateful, hence one per signature.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
