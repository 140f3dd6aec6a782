package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.ChainVerification;
import dev.vigil.controls.catalog.Family;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small estate filled as the bench fills its large one: the service's verifier accepts its
 * chain, and the logging controls (chain intact, checkpoints signed and recent) pass over it;
 * then more actions, the usage rollups' answers equal to the scans', and a concurrent sweep.
 */
abstract class EstateContract {

  abstract TestDb.Kind kind();

  @Test
  void filledChainVerifiesAndTheLoggingControlsPass() throws Exception {
    Clock clock = Clock.tickMillis(ZoneOffset.UTC);
    try (TestDb db = TestDb.of(kind())) {
      TestStores stores = TestStores.on(db, clock);
      String tenant = Estate.createTenant(db.jdbi(), "Sweep", clock);
      long before = stores.auditLog().verify(tenant).checked();
      Estate.Size size = new Estate.Size(20, 60, 3_000);

      SweepTenant sweepTenant = new SweepTenant(db.jdbi(), stores.master(), tenant, clock);
      Estate estate = new Estate(sweepTenant);
      estate.fill(size);

      ChainVerification chain = stores.auditLog().verify(tenant);
      assertThat(chain.breaks()).isEmpty();
      assertThat(chain.checked()).isEqualTo(before + size.events());
      List<SweepBench.FamilyTime> sweep = new SweepBench(sweepTenant).sweep();
      String logging = sweep.stream().filter(t -> t.family() == Family.LOGGING).findFirst().orElseThrow().results();
      assertThat(logging).contains("LG-1 pass", "LG-2 pass", "LG-3 pass");

      // The steady state: more actions reported late, the rollups caught up, the families two at a time.
      SweepBench bench = new SweepBench(sweepTenant);
      estate.more(size, 500, Duration.ofMinutes(30));
      assertThat(bench.catchUpRollups().what().folded()).isGreaterThanOrEqualTo(500);
      SweepBench.UsageCheck check = bench.checkUsage();
      assertThat(List.of(check.lastUseEqual(), check.examinedEqual(), check.outsideEqual())).containsOnly(true);
      assertThat(check.examined()).isGreaterThanOrEqualTo(500);
      SweepBench.Concurrent concurrent = bench.concurrentSweep();
      assertThat(concurrent.families()).extracting(SweepBench.FamilyTime::family).containsExactly(Family.values());
      assertThat(concurrent.families().stream().filter(t -> t.family() == Family.LOGGING).findFirst().orElseThrow()
          .results()).contains("LG-1 pass", "LG-2 pass");
      assertThat(bench.rebuildRollups().what().watermark()).isEqualTo(bench.catchUpRollups().what().watermark());
    }
  }
}
