package dev.vigil.collectors.alerts;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When deliveries are worked on: an outbox's daemon threads ({@code vigil-alerts-N}, ...), the
 * backoff timers between attempts, and the claims that keep a delivery from being worked on
 * twice. Timers live in memory only: {@link #close} drops them, and the table's
 * {@code next_attempt_at} says when each pending delivery is due after a restart. Thread-safe.
 */
final class DeliveryScheduler implements AutoCloseable {

  private static final int THREADS = 2;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final ScheduledThreadPoolExecutor executor;
  /** Deliveries being worked on, so that a resume does not start them twice. */
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** @param threadPrefix names the threads, followed by their number */
  DeliveryScheduler(String threadPrefix) {
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(THREADS, r -> {
      Thread t = new Thread(r, threadPrefix + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    // Backoff timers must not hold up shutdown; the table remembers what is pending.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Claims delivery {@code id}; {@code false} if it is already being worked on. */
  boolean claim(String id) {
    return claimed.add(id);
  }

  /** Lets delivery {@code id} go: it is settled, or left for the next start. */
  void release(String id) {
    claimed.remove(id);
  }

  boolean closed() {
    return closed;
  }

  /** Runs {@code task} on the outbox's threads; returns {@code false}, running nothing, once closed. */
  boolean execute(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Runs the next attempt of delivery {@code id} after {@code delay}. Once closed, releases it
   * instead: its row keeps its {@code next_attempt_at}, and the next start resumes it.
   */
  void schedule(String id, Runnable attempt, Duration delay) {
    try {
      executor.schedule(attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      release(id);
    }
  }

  /** Stops the threads, letting running work finish for a moment; drops the timers. */
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
}
