package dev.vigil.app.health;

import com.codahale.metrics.health.HealthCheck;
import dev.vigil.collectors.sinks.CheckpointDelivery;
import dev.vigil.collectors.sinks.CheckpointPublisher;
import java.util.stream.Collectors;

/**
 * Copies of the checkpoints reach their sinks: unhealthy while a delivery is being retried, or
 * for a day after one failed for good (a sink down for too long, or a notes file that refused a
 * checkpoint contradicting it: a rewritten history). Names each such delivery, newest first:
 * tenant, size, sink, status, attempts and the last error, which never holds a secret.
 */
public final class CheckpointSinksHealthCheck extends HealthCheck {

  private final CheckpointPublisher sinks;

  public CheckpointSinksHealthCheck(CheckpointPublisher sinks) {
    this.sinks = sinks;
  }

  @Override
  protected Result check() {
    CheckpointPublisher.Health health = sinks.health();
    if (!health.configured() && health.healthy()) return Result.healthy("no checkpoint sink is configured");
    if (health.healthy()) return Result.healthy("every checkpoint reached its sinks or is on its way");
    return Result.unhealthy("checkpoint deliveries failing (the newest " + health.troubled().size() + "): "
        + health.troubled().stream().map(CheckpointSinksHealthCheck::describe).collect(Collectors.joining("; ")));
  }

  private static String describe(CheckpointDelivery d) {
    return "tenant " + d.tenantId() + " size " + d.size() + " to " + d.sink() + ": " + d.status()
        + " after " + d.attempts() + " attempt" + (d.attempts() == 1 ? "" : "s")
        + (d.lastError() == null ? "" : ", " + d.lastError());
  }
}
