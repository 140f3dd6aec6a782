package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.db.Constraints;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Control;
import dev.vigil.controls.catalog.Family;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduled sweep: runs every control of one family for every tenant, recorded once per
 * scheduled moment across the cluster (the sweep's key refuses a second node's run of the
 * same moment, should two ever fire it). Thread-safe.
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
    List<Control> controls = catalog.family(family);
    List<String> tenants = loader.tenantIds();
    for (String tenant : tenants) {
      try {
        runner.run(tenant, controls, RunTrigger.SCHEDULE, scheduledFor);
      } catch (RuntimeException e) {
        LOG.error("the {} sweep failed for tenant {}", family.wire(), tenant, e);
      }
    }
    jdbi.useExtension(RunDao.class, dao -> dao.finishSweep(family.wire(), scheduledFor, clock.instant(), tenants.size()));
    return tenants.size();
  }
}
