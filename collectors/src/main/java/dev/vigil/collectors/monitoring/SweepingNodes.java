package dev.vigil.collectors.monitoring;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * The nodes that sweep, as a node that does not sweep sees them (PostgreSQL): those whose
 * clustered scheduler checked in lately. Quartz takes a node silent for one check-in interval
 * plus 7.5 s for dead; a node counts here until three intervals plus that have passed, so a
 * late check-in does not make the count flicker.
 */
public final class SweepingNodes {

  private final Jdbi jdbi;
  private final Duration checkin;
  private final Clock clock;

  public SweepingNodes(Jdbi jdbi, Duration checkin, Clock clock) {
    this.jdbi = jdbi;
    this.checkin = checkin;
    this.clock = clock;
  }

  /** How many nodes' schedulers checked in within the bound. */
  public int live() {
    long since = clock.millis() - 3 * checkin.toMillis() - 7_500;
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM qrtz_scheduler_state"
            + " WHERE sched_name = :name AND last_checkin_time >= :since")
        .bind("name", ControlScheduler.CLUSTER_NAME)
        .bind("since", since)
        .mapTo(Integer.class)
        .one());
  }
}
