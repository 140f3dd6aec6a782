package dev.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.testing.TempDirs;
import dev.vigil.collectors.testing.TestDb;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two Vigil processes on one PostgreSQL database, both scheduling every family every second:
 * Quartz's clustered job store must run each scheduled moment once between them, not once
 * per node. (H2 is embedded and single-node, so this runs on PostgreSQL only.)
 */
class ClusteredSchedulerTest {

  @Test
  void twoInstancesRunEachScheduledSweepOnce() throws Exception {
    try (TestDb db = TestDb.postgres()) {
      Path keyDir = TempDirs.create("vigil-cluster-key");
      Path dirA = TempDirs.create("vigil-node-a");
      Path dirB = TempDirs.create("vigil-node-b");
      Path key = keyDir.resolve("master.json");
      MasterKey.generate(key); // both nodes must read the same tenant keysets and signing key
      Map<String, String> env = new HashMap<>();
      env.put("VIGIL_DB_URL", db.url());
      env.put("VIGIL_DB_USER", db.user());
      env.put("VIGIL_MASTER_KEY_FILE", key.toString());
      env.put("VIGIL_SCHEDULE_SECONDS", "1");
      Map<String, String> envA = new HashMap<>(env);
      envA.put("VIGIL_DATA_DIR", dirA.toString());
      Map<String, String> envB = new HashMap<>(env);
      envB.put("VIGIL_DATA_DIR", dirB.toString());
      Instant from;
      Instant to;
      try (ServerProcess a = new ServerProcess(envA); ServerProcess b = new ServerProcess(envB)) {
        a.start();
        a.cli("tenant-create", "--name", "Cluster Co", VigilServer.CONFIG.toString());
        b.start();
        from = Instant.now();
        Thread.sleep(10_000);
        to = Instant.now();
        List<String> nodes = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'vigil'").mapTo(String.class).list());
        assertThat(nodes).as("both instances checked in to the cluster").hasSize(2);
      }
      long seconds = Duration.between(from, to).toSeconds();
      for (String family : List.of("least-privilege", "encryption", "logging", "vendors", "incidents")) {
        long sweeps = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM control_sweeps WHERE family = :f AND scheduled_for >= :from AND scheduled_for < :to")
            .bind("f", family).bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to))
            .mapTo(Long.class).one());
        // Once per second between the two nodes; unclustered, each node would sweep every second.
        assertThat(sweeps).as(family + " sweeps in " + seconds + " s").isBetween(1L, seconds + 1);
      }
      long doubled = db.jdbi().withHandle(h -> h.createQuery("""
          SELECT COUNT(*) FROM (SELECT tenant_id, control_id, scheduled_for FROM control_runs
          WHERE run_trigger = 'SCHEDULE' GROUP BY tenant_id, control_id, scheduled_for HAVING COUNT(*) > 1) d
          """).mapTo(Long.class).one());
      assertThat(doubled).as("scheduled moments run twice").isZero();
      long runs = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM control_runs WHERE run_trigger = 'SCHEDULE'").mapTo(Long.class).one());
      assertThat(runs).as("scheduled runs recorded").isPositive();
      for (Path dir : List.of(keyDir, dirA, dirB)) TempDirs.delete(dir);
    }
  }
}
