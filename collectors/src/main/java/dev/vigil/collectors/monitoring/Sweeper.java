package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.db.Constraints;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Family;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduled sweep: runs every control of one family for every tenant, recorded once per
 * scheduled moment across the cluster (the sweep's key refuses a second node's run of the
 * same moment, should two ever fire it); a sweep whose node died is resumed by another, which
 * runs only what has no run for that moment yet. Thread-safe.
 */
public final class Sweeper {

  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

  private final Jdbi jdbi;
  private final Catalog catalog;
  private final SnapshotLoader loader;
  private final ControlRunner runner;
  private final String node;
  private final Clock clock;

  /** @param node this instance's name, recorded with each sweep it runs */
  public Sweeper(Jdbi jdbi, Catalog catalog, SnapshotLoader loader, ControlRunner runner, String node, Clock clock) {
    this.jdbi = jdbi;
    this.catalog = catalog;
    this.loader = loader;
    this.runner = runner;
    this.node = node;
    this.clock = clock;
  }

  /** Sweeps {@code family} for the moment {@code scheduledFor}; returns how many tenants it ran, -1 if taken. */
  public int sweep(Family family, Instant scheduledFor) {
    try {
      jdbi.useExtension(RunDao.class, dao -> dao.startSweep(family.wire(), scheduledFor, node, clock.instant()));
    } catch (RuntimeException e) {
      if (!Constraints.isUniqueViolation(e)) throw e;
      LOG.warn("the {} sweep scheduled for {} already ran on another node", family.wire(), scheduledFor);
      return -1;
    }
    return run(family, scheduledFor, false);
  }

  /**
   * Finishes the sweep of {@code scheduledFor} that a node died in: takes its row over and runs
   * each tenant's controls that have no run for that moment yet. Returns how many tenants it
   * went through, -1 if the sweep had finished after all.
   */
  public int resume(Family family, Instant scheduledFor) {
    int taken = jdbi.withExtension(RunDao.class, dao -> dao.takeOverSweep(family.wire(), scheduledFor, node));
    if (taken == 0) {
      // Never started (the node died before its first write) or finished: a fresh start decides.
      return sweep(family, scheduledFor);
    }
    LOG.warn("resuming the {} sweep scheduled for {}, left unfinished by a node that stopped", family.wire(),
        scheduledFor);
    return run(family, scheduledFor, true);
  }

  private int run(Family family, Instant scheduledFor, boolean resumed) {
    List<Control> controls = catalog.family(family);
    List<String> tenants = loader.tenantIds();
    for (String tenant : tenants) {
      try {
        List<Control> due = controls;
        if (resumed) {
          Set<String> done = jdbi.withExtension(RunDao.class, dao -> dao.scheduledRuns(tenant, family.wire(),
              scheduledFor));
          due = controls.stream().filter(c -> !done.contains(c.id())).toList();
        }
        if (!due.isEmpty()) runner.run(tenant, due, RunTrigger.SCHEDULE, scheduledFor);
      } catch (RuntimeException e) {
        LOG.error("the {} sweep failed for tenant {}", family.wire(), tenant, e);
      }
    }
    jdbi.useExtension(RunDao.class, dao -> dao.finishSweep(family.wire(), scheduledFor, clock.instant(), tenants.size()));
    return tenants.size();
  }
}
