package dev.vigil.app.cli;

import dev.vigil.app.VigilConfiguration;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.monitoring.SnapshotDao;
import dev.vigil.collectors.usage.UsageRollups;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code usage-rebuild [--tenant ID] config.yml}: recomputes the usage rollups of one tenant,
 * or of every tenant, from the audit chain, printing one line for each. Safe while servers run:
 * a rebuild holds the tenant's watermark lock and replaces its rollups in one transaction, so
 * a control reading them meanwhile sees the old rollups or the new, each exact. Exits 0 when
 * done, 1 for an unknown tenant or when the command could not run.
 */
public final class UsageRebuildCommand extends VigilCommand {

  public UsageRebuildCommand() {
    super("usage-rebuild", "Recomputes the usage rollups (AC-3, AC-6) from the audit chain",
        "usage-rebuild [--tenant ID] config.yml");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--tenant").help("the tenant whose rollups to rebuild; every tenant when absent");
  }

  @Override
  protected void run(Namespace namespace, VigilConfiguration config) throws Exception {
    ManagedDataSource dataSource = config.database().buildForCommand(config.dataDir());
    try {
      Jdbi jdbi = Jdbis.configure(Jdbi.create(dataSource));
      Clock clock = Clock.tickMillis(ZoneOffset.UTC);
      List<String> tenants = jdbi.withExtension(SnapshotDao.class, SnapshotDao::tenantIds);
      String only = namespace.getString("tenant");
      if (only != null) {
        if (!tenants.contains(only)) throw new CommandFailed(1, "no tenant " + only + " here");
        tenants = List.of(only);
      }
      UsageRollups usage = new UsageRollups(jdbi);
      for (String tenantId : tenants) {
        long start = System.nanoTime();
        UsageRollups.CatchUp c = usage.rebuild(tenantId, clock.instant());
        System.out.printf("tenant %s: usage counted up to entry %d, rebuilt in %.1f s%n", tenantId, c.watermark(),
            (System.nanoTime() - start) / 1e9);
      }
      System.out.println("rebuilt the usage rollups of " + tenants.size() + " tenant(s)");
    } finally {
      dataSource.stop();
    }
  }
}
