package dev.vigil.collectors.alerts;

import java.util.concurrent.CompletableFuture;

/**
 * Somewhere an {@link Outbox} delivers payloads: a webhook, or a directory of files. Each
 * attempt is one call to {@link #send}; the outbox decides what happens after it.
 */
public interface Destination extends AutoCloseable {

  /**
   * How rows and log lines name this destination: unique within an outbox, stable across
   * restarts (a pending row finds its destination again by it), and free of secrets.
   */
  String name();

  /**
   * Makes one attempt at delivering {@code payload} as delivery {@code deliveryId}. The future
   * completes with what became of it; it should not complete exceptionally, and an attempt that
   * does is counted as a failure to retry.
   */
  CompletableFuture<Outcome> send(String deliveryId, String payload);

  /** Releases what the destination holds (threads, clients); the default holds nothing. */
  @Override
  default void close() {}
}
