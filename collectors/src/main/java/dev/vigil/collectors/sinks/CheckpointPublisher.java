package dev.vigil.collectors.sinks;

import dev.vigil.collectors.alerts.Destination;
import dev.vigil.collectors.alerts.Outbox;
import dev.vigil.collectors.alerts.RetryPolicy;
import dev.vigil.collectors.alerts.Webhook;
import dev.vigil.collectors.alerts.WebhookDestination;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Page;
import dev.vigil.controls.audit.Checkpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each newly signed checkpoint to the sinks of {@code config.yml}: signed webhooks, and an
 * append-only directory of notes ({@link DirectorySink}), so that copies live where whoever
 * holds the database cannot rewrite them. Each checkpoint and sink is a row of {@code
 * checkpoint_deliveries}, retried with backoff and resumed after a restart, exactly as alerts
 * are (an {@link Outbox}); a webhook gets the same signed request as an alert receiver, with the
 * body {@link CheckpointPayload} describes.
 *
 * <pre>{@code
 * CheckpointPublisher sinks = new CheckpointPublisher(jdbi, webhooks, Optional.of(dir), policy, ids, clock);
 * CheckpointStore checkpoints = new CheckpointStore(jdbi, signer, clock, sinks::publish);
 * sinks.start();                   // resumes what a previous process left pending
 * Health h = sinks.health();       // what an operator should look at
 * }</pre>
 *
 * <p>{@link #publish} returns at once and never throws: a sink that is down or refuses never
 * holds up signing, and one sink's failure never holds up another's. Thread-safe.
 */
public final class CheckpointPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointPublisher.class);

  /** How long a delivery that failed for good keeps the health check unhealthy. */
  public static final Duration FAILURES_SHOWN = Duration.ofHours(24);
  private static final int TROUBLES_READ = 20;

  private final CheckpointDeliveries rows;
  private final Outbox outbox;
  private final Optional<DirectorySink> directory;
  private final Clock clock;

  /**
   * @throws IllegalArgumentException if two webhooks have the same safe URL
   */
  public CheckpointPublisher(Jdbi jdbi, List<Webhook> webhooks, Optional<Path> directory, RetryPolicy policy,
      Ids ids, Clock clock) {
    this(jdbi, webhooks, directory, policy, ids, clock, Outbox.Listener.NONE);
  }

  /** A publisher whose {@code listener} hears how each delivery attempt settled (kind {@code checkpoint}). */
  public CheckpointPublisher(Jdbi jdbi, List<Webhook> webhooks, Optional<Path> directory, RetryPolicy policy,
      Ids ids, Clock clock, Outbox.Listener listener) {
    this.rows = new CheckpointDeliveries(jdbi);
    this.clock = clock;
    this.directory = directory.map(DirectorySink::new);
    List<Destination> sinks = new ArrayList<>(WebhookDestination.of(webhooks, policy.timeout(), clock));
    this.directory.ifPresent(sinks::add);
    this.outbox = new Outbox(LOG, "checkpoint", "sink", rows, sinks, policy, ids, clock, listener);
  }

  /** Whether any sink is configured. */
  public boolean configured() {
    return !outbox.isEmpty();
  }

  /** The file of the notes directory that holds {@code tenantId}'s checkpoints, if a directory is configured. */
  public Optional<Path> file(String tenantId) {
    return directory.map(d -> d.file(tenantId));
  }

  /** Resumes, in the background, the deliveries a previous process left pending. */
  public void start() {
    outbox.start();
  }

  /**
   * Queues a newly signed checkpoint for every sink and returns at once; never throws. Call it
   * once the checkpoint has committed. Does nothing when no sink is configured.
   */
  public void publish(Checkpoint cp) {
    if (cp == null) return;
    if (!outbox.send(cp.tenantId(), "checkpoint at size " + cp.size(), () -> CheckpointPayload.json(cp),
        due -> rows.insertAll(cp.size(), due))) {
      LOG.warn("checkpoint at size {} of tenant {} not published: the publisher is closed", cp.size(), cp.tenantId());
    }
  }

  /** The deliveries of a tenant, oldest first; {@code after} is a cursor ({@code null} at first). */
  public Page<CheckpointDelivery> deliveries(String tenantId, String after, int limit) {
    return rows.page(tenantId, after, limit);
  }

  /**
   * What an operator should look at: deliveries that failed for good within {@link
   * #FAILURES_SHOWN}, and pending ones that have failed at least once (still being retried),
   * newest first, at most 20.
   */
  public Health health() {
    return new Health(configured(), rows.troubled(clock.instant().minus(FAILURES_SHOWN), TROUBLES_READ));
  }

  /**
   * The sinks' state for the health check.
   *
   * @param configured whether any sink is configured
   * @param troubled failed deliveries, or pending ones being retried, newest first
   */
  public record Health(boolean configured, List<CheckpointDelivery> troubled) {
    public boolean healthy() {
      return troubled.isEmpty();
    }
  }

  /** Stops publishing; pending deliveries stay in the table for the next {@link #start}. */
  @Override
  public void close() {
    outbox.close();
  }
}
