package dev.vigil.app.health;

import com.codahale.metrics.health.HealthCheck;
import dev.vigil.app.jobs.CheckpointScheduler;
import dev.vigil.collectors.monitoring.ControlScheduler;
import java.util.Optional;

/**
 * The schedules run: the checkpoint sweep succeeded within three intervals, and Quartz is
 * started with a job per control family, unless this node leaves the sweeps to others
 * ({@code controls.sweeps: false}).
 */
public final class SchedulerHealthCheck extends HealthCheck {

  private final CheckpointScheduler checkpoints;
  private final Optional<ControlScheduler> controls;

  public SchedulerHealthCheck(CheckpointScheduler checkpoints, Optional<ControlScheduler> controls) {
    this.checkpoints = checkpoints;
    this.controls = controls;
  }

  @Override
  protected Result check() throws Exception {
    if (!checkpoints.healthy()) {
      return Result.unhealthy("no successful checkpoint sweep in three intervals: " + checkpoints.lastError());
    }
    if (controls.isEmpty()) {
      return Result.healthy("checkpoint sweeps are on time; this node runs no control sweeps (controls.sweeps is "
          + "false): the other nodes do");
    }
    if (!controls.get().isRunning()) return Result.unhealthy("the control scheduler (Quartz) is not running");
    return Result.healthy("checkpoint sweeps are on time; " + controls.get().jobs() + " control families scheduled");
  }
}
