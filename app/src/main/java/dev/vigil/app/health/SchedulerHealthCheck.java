package dev.vigil.app.health;

import com.codahale.metrics.health.HealthCheck;
import dev.vigil.app.jobs.CheckpointScheduler;

/** The checkpoint schedule runs: its last sweep succeeded within three intervals. */
public final class SchedulerHealthCheck extends HealthCheck {

  private final CheckpointScheduler scheduler;

  public SchedulerHealthCheck(CheckpointScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  protected Result check() {
    return scheduler.healthy()
        ? Result.healthy("checkpoint sweeps are on time")
        : Result.unhealthy("no successful checkpoint sweep in three intervals: " + scheduler.lastError());
  }
}
