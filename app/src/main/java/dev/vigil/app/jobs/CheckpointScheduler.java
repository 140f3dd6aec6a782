package dev.vigil.app.jobs;

import dev.vigil.collectors.audit.CheckpointStore;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a checkpoint every interval for each tenant whose chain grew. A failed sweep is logged
 * and the next one tries again; it never stops the schedule.
 */
public final class CheckpointScheduler implements Managed {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointScheduler.class);

  private final CheckpointStore checkpoints;
  private final Duration interval;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "checkpoints");
    t.setDaemon(true);
    return t;
  });

  public CheckpointScheduler(CheckpointStore checkpoints, Duration interval) {
    this.checkpoints = checkpoints;
    this.interval = interval;
  }

  @Override
  public void start() {
    executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void sweep() {
    try {
      int signed = checkpoints.signDue();
      if (signed > 0) LOG.debug("signed {} checkpoints", signed);
    } catch (RuntimeException e) {
      LOG.error("checkpoint sweep failed; retrying in {}", interval, e);
    }
  }

  @Override
  public void stop() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
