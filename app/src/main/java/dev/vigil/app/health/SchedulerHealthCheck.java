package dev.vigil.app.health;

import com.codahale.metrics.health.HealthCheck;
import dev.vigil.app.jobs.CheckpointScheduler;
import dev.vigil.collectors.monitoring.ControlScheduler;

/**
 * The schedules run: the checkpoint sweep succeeded within three intervals, and Quartz is
 * started with a job per control family.
 */
public final class SchedulerHealthCheck extends HealthCheck {

  private final CheckpointScheduler checkpoints;
  private final ControlScheduler controls;

  public SchedulerHealthCheck(CheckpointScheduler checkpoints, ControlScheduler controls) {
    this.checkpoints = checkpoints;
    this.controls = controls;
  }

  @Override
  protected Result check() throws Exception {
    if (!checkpoints.healthy()) {
      return Result.unhealthy("no successful checkpoint sweep in three intervals: " + checkpoints.lastError());
    }
    if (!controls.isRunning()) return Result.unhealthy("the control scheduler (Quartz) is not running");
    return Result.healthy("checkpoint sweeps are on time; " + controls.jobs() + " control families scheduled");
  }
}
