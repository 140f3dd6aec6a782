package dev.vigil.app.health;

import com.codahale.metrics.health.HealthCheck;
import dev.vigil.app.jobs.CheckpointScheduler;
import dev.vigil.collectors.monitoring.ControlScheduler;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The schedules run: the checkpoint sweep succeeded within three intervals, and Quartz is
 * started with a job per control family; on a node that leaves the sweeps to others
 * ({@code controls.sweeps: false}), some other node's scheduler has checked in lately.
 */
public final class SchedulerHealthCheck extends HealthCheck {

  private final CheckpointScheduler checkpoints;
  private final Optional<ControlScheduler> controls;
  private final IntSupplier sweepingNodes;

  /**
   * @param controls this node's scheduler, none when it leaves the sweeps to others
   * @param sweepingNodes how many other nodes sweep, asked only when this one does not
   */
  public SchedulerHealthCheck(CheckpointScheduler checkpoints, Optional<ControlScheduler> controls,
      IntSupplier sweepingNodes) {
    this.checkpoints = checkpoints;
    this.controls = controls;
    this.sweepingNodes = sweepingNodes;
  }

  @Override
  protected Result check() throws Exception {
    if (!checkpoints.healthy()) {
      return Result.unhealthy("no successful checkpoint sweep in three intervals: " + checkpoints.lastError());
    }
    if (controls.isEmpty()) {
      int others = sweepingNodes.getAsInt();
      if (others == 0) {
        return Result.unhealthy("this node runs no control sweeps (controls.sweeps is false), and no other node's"
            + " scheduler has checked in lately: no node sweeps, so every scheduled run is missed");
      }
      return Result.healthy("checkpoint sweeps are on time; this node runs no control sweeps (controls.sweeps is"
          + " false): " + others + (others == 1 ? " other node does" : " other nodes do"));
    }
    if (!controls.get().isRunning()) return Result.unhealthy("the control scheduler (Quartz) is not running");
    return Result.healthy("checkpoint sweeps are on time; " + controls.get().jobs() + " control families scheduled");
  }
}
