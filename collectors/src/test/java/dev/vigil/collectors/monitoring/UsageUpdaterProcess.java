package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.usage.UsageRollups;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * The child JVM of the SIGKILL test: folds a tenant's backlog one entry a transaction, over
 * and over, until it is killed. Arguments: JDBC url, user, tenant id.
 */
public final class UsageUpdaterProcess {

  private UsageUpdaterProcess() {}

  public static void main(String[] args) {
    Jdbi jdbi = Jdbis.configure(Jdbi.create(args[0], args[1], ""));
    UsageRollups slow = new UsageRollups(jdbi, 1);
    while (true) slow.catchUp(args[2], Instant.now());
  }
}
