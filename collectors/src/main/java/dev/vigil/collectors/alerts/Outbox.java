package dev.vigil.collectors.alerts;

import dev.vigil.collectors.alerts.Ledger.Attempt;
import dev.vigil.collectors.alerts.Ledger.Due;
import dev.vigil.collectors.db.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Delivers payloads to a set of {@link Destination}s, retried with backoff, each delivery a row
 * of a {@link Ledger} so that a restart resumes what was pending. Alerts ({@link
 * AlertDispatcher}) and published checkpoints each run one, on their own table.
 *
 * <p>{@link #send} never blocks and never throws: the payload is built, stored and sent on the
 * outbox's own daemon threads ({@code vigil-<kind>s-N}), and attempts are asynchronous, so a slow
 * or dead destination delays nothing but its own deliveries. Delivery is at least once. An
 * attempt that fails is recorded and retried after {@link RetryPolicy#delayAfter}; after
 * {@link RetryPolicy#maxAttempts}, or at once when the destination refuses for good, the
 * delivery is {@code FAILED}. Backoff timers live in memory; {@link #close} drops them, and the
 * next {@link #start} picks the deliveries up from the table at their {@code next_attempt_at}.
 * Thread-safe.
 */
public final class Outbox implements AutoCloseable {

  private final Logger log;
  private final String kind;
  private final String destinationNoun;
  private final Ledger ledger;
  private final List<Destination> destinations;
  private final Map<String, Destination> byName;
  private final RetryPolicy policy;
  private final Ids ids;
  private final Clock clock;
  private final DeliveryScheduler scheduler;
  private final Listener listener;

  /** What became of an attempt, or of a delivery that made none. */
  public enum Settled {
    /** The attempt delivered. */
    DELIVERED,
    /** The attempt failed; another follows after the backoff. */
    RETRYING,
    /** The attempt failed and the delivery is given up: refused for good, or out of attempts. */
    FAILED,
    /** The delivery's destination is no longer configured; it was given up without an attempt. */
    ABANDONED
  }

  /** Hears how each attempt settled (metrics), on the outbox's threads; must return at once and not throw. */
  public interface Listener {
    void settled(String kind, Settled outcome);

    Listener NONE = (kind, outcome) -> { };
  }

  /**
   * @param log where attempts are logged: the owner's logger, so that each kind's lines can be told apart
   * @param kind what is delivered, for thread names and log lines ({@code alert}, {@code checkpoint})
   * @param destinationNoun what a destination is called where a row records it is gone ({@code webhook})
   * @throws IllegalArgumentException if two destinations share a name: their deliveries could
   *     not be told apart after a restart
   */
  public Outbox(Logger log, String kind, String destinationNoun, Ledger ledger, List<Destination> destinations,
      RetryPolicy policy, Ids ids, Clock clock) {
    this(log, kind, destinationNoun, ledger, destinations, policy, ids, clock, Listener.NONE);
  }

  /** An outbox whose {@code listener} hears how each attempt settled. */
  public Outbox(Logger log, String kind, String destinationNoun, Ledger ledger, List<Destination> destinations,
      RetryPolicy policy, Ids ids, Clock clock, Listener listener) {
    this.log = log;
    this.listener = listener;
    this.kind = kind;
    this.destinationNoun = destinationNoun;
    this.ledger = ledger;
    this.destinations = List.copyOf(destinations);
    this.policy = policy;
    this.ids = ids;
    this.clock = clock;
    Map<String, Destination> names = new LinkedHashMap<>();
    for (Destination d : this.destinations) {
      if (names.putIfAbsent(d.name(), d) != null) {
        throw new IllegalArgumentException("two " + destinationNoun + "s are both named " + d.name()
            + " (credentials and query removed); give each its own path");
      }
    }
    this.byName = Map.copyOf(names);
    this.scheduler = new DeliveryScheduler("vigil-" + kind + "s-");
  }

  /** Whether there is nowhere to deliver: {@link #send} then does nothing. */
  public boolean isEmpty() {
    return destinations.isEmpty();
  }

  /**
   * Resumes, in the background, the deliveries left {@code PENDING} in the table, each at its
   * {@code next_attempt_at}. A delivery whose destination is no longer configured becomes
   * {@code FAILED}. Calling it again is harmless.
   */
  public void start() {
    scheduler.execute(this::resume);
  }

  /**
   * Queues a payload for every destination and returns at once; never throws. In the
   * background, {@code payload} makes the body, {@code store} stores one {@code PENDING} row per
   * destination (all or none), and the attempts begin. Returns {@code false}, doing nothing,
   * once closed.
   *
   * @param what names the payload in log lines, such as {@code alert for control CC6.1}
   */
  public boolean send(String tenantId, String what, Supplier<String> payload, Consumer<List<Due>> store) {
    if (destinations.isEmpty()) return true;
    return scheduler.execute(() -> enqueue(tenantId, what, payload, store));
  }

  /** Stops sending; pending retries stay in the table for the next {@link #start}. */
  @Override
  public void close() {
    scheduler.close();
    destinations.forEach(Destination::close);
  }

  /** One delivery being worked on: its row's key, where it goes, and the attempts so far. */
  private record Job(String tenantId, String id, Destination destination, String payload, int attempts) {
    Job next() {
      return new Job(tenantId, id, destination, payload, attempts + 1);
    }
  }

  private void enqueue(String tenantId, String what, Supplier<String> payload, Consumer<List<Due>> store) {
    List<Job> jobs = new ArrayList<>();
    try {
      String body = payload.get();
      Instant now = clock.instant();
      List<Due> rows = new ArrayList<>();
      for (Destination d : destinations) {
        Due due = new Due(tenantId, ids.next("dlv"), d.name(), body, 0, now);
        rows.add(due);
        jobs.add(new Job(tenantId, due.id(), d, body, 0));
        // Claimed before the rows exist, so a concurrent start() cannot pick them up as well.
        scheduler.claim(due.id());
      }
      store.accept(rows);
    } catch (RuntimeException e) {
      jobs.forEach(j -> scheduler.release(j.id()));
      log.error("{} of tenant {} could not be recorded, so it is not sent", what, tenantId, e);
      return;
    }
    jobs.forEach(this::attempt);
  }

  private void resume() {
    List<Due> pending;
    try {
      pending = ledger.pending();
    } catch (RuntimeException e) {
      log.error("pending {} deliveries could not be loaded; they resume on the next start", kind, e);
      return;
    }
    Instant now = clock.instant();
    for (Due d : pending) {
      if (!scheduler.claim(d.id())) continue;
      Destination destination = byName.get(d.destination());
      if (destination == null) {
        scheduler.release(d.id());
        try {
          ledger.abandon(d.tenantId(), d.id(), destinationNoun + " no longer configured");
          listener.settled(kind, Settled.ABANDONED);
          log.warn("{} delivery {} to {} abandoned: {} no longer configured", kind, d.id(), d.destination(),
              destinationNoun);
        } catch (RuntimeException e) {
          log.warn("{} delivery {} to {} could not be marked failed", kind, d.id(), d.destination(), e);
        }
        continue;
      }
      Duration delay = d.nextAttemptAt() == null || !d.nextAttemptAt().isAfter(now)
          ? Duration.ZERO : Duration.between(now, d.nextAttemptAt());
      Job job = new Job(d.tenantId(), d.id(), destination, d.payload(), d.attempts());
      scheduler.schedule(job.id(), () -> attempt(job), delay);
    }
  }

  private void attempt(Job job) {
    if (scheduler.closed()) {
      scheduler.release(job.id());
      return;
    }
    CompletableFuture<Outcome> sent;
    try {
      sent = job.destination().send(job.id(), job.payload());
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((outcome, error) -> {
      // Closed while an attempt was out: the row stays PENDING and the next start() repeats it.
      scheduler.execute(() -> settle(job, outcome != null ? outcome
          : Outcome.failed(null, error.getClass().getSimpleName() + " in " + destinationNoun)));
    });
  }

  private void settle(Job job, Outcome outcome) {
    int attempts = job.attempts() + 1;
    Instant now = clock.instant();
    String to = job.destination().name();
    try {
      if (outcome.delivered()) {
        record(job, Attempt.delivered(attempts, outcome, now));
        listener.settled(kind, Settled.DELIVERED);
        scheduler.release(job.id());
        log.debug("{} delivery {} to {} delivered on attempt {}", kind, job.id(), to, attempts);
        return;
      }
      String why = outcome.remark();
      if (!outcome.retry() || attempts >= policy.maxAttempts()) {
        record(job, Attempt.failed(attempts, outcome.statusCode(), why));
        listener.settled(kind, Settled.FAILED);
        scheduler.release(job.id());
        log.warn("{} delivery {} to {} failed for good after {} attempts: {}", kind, job.id(), to, attempts, why);
        return;
      }
      Duration delay = policy.delayAfter(attempts);
      if (record(job, Attempt.retry(attempts, outcome.statusCode(), why, now.plus(delay)))) {
        listener.settled(kind, Settled.RETRYING);
        log.warn("{} delivery {} to {} failed (attempt {} of {}), retrying in {}: {}",
            kind, job.id(), to, attempts, policy.maxAttempts(), delay, why);
        Job next = job.next();
        scheduler.schedule(next.id(), () -> attempt(next), delay);
      } else {
        scheduler.release(job.id());
      }
    } catch (RuntimeException e) {
      scheduler.release(job.id());
      log.warn("{} delivery {} to {}: attempt {} could not be recorded; it resumes on the next start",
          kind, job.id(), to, attempts, e);
    }
  }

  /** Whether the row was still this job's to update; if not, someone else settled it. */
  private boolean record(Job job, Attempt attempt) {
    boolean ours = ledger.record(job.tenantId(), job.id(), attempt);
    if (!ours) log.debug("{} delivery {} was settled elsewhere", kind, job.id());
    return ours;
  }
}
