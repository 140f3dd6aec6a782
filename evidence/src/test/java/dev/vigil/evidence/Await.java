package dev.vigil.evidence;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for a condition up to a deadline, looking again every few milliseconds: a test
 * waits as long as the system needs and no longer, and fails naming what never happened.
 */
final class Await {

  private static final long PAUSE_NANOS = 5_000_000;

  private Await() {}

  /** Probes until {@code done} holds of the answer, and returns that answer. */
  static <T> T until(String what, Duration deadline, Supplier<T> probe, Predicate<? super T> done) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      T value = probe.get();
      if (done.test(value)) return value;
      if (System.nanoTime() - end > 0) {
        throw new AssertionError(what + " did not happen within " + deadline + "; last seen: " + value);
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }

  /** Waits until {@code condition} holds; returns how long that took. */
  static Duration until(String what, Duration deadline, BooleanSupplier condition) {
    long start = System.nanoTime();
    until(what, deadline, condition::getAsBoolean, Boolean::booleanValue);
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
