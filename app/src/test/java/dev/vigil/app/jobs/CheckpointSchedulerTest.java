package dev.vigil.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.testing.Poll;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointSchedulerTest {

  @Test
  void entriesAppendedBeforeStartAreCheckpointedAtStartNotAnIntervalLater() throws Exception {
    try (TestDb db = TestDb.h2()) {
      Clock clock = Clock.systemUTC();
      TestStores s = TestStores.on(db, clock);
      String tenant = s.tenants().create("Before Start", new Actor("cli", "tenant-create")).tenant().id();
      CheckpointStore checkpoints = new CheckpointStore(db.jdbi(), CheckpointSigner.loadOrCreate(db.jdbi(),
          s.master(), clock), clock);
      assertThat(checkpoints.latest(tenant)).isEmpty();
      CheckpointScheduler scheduler = new CheckpointScheduler(checkpoints, Duration.ofHours(1), clock);

      scheduler.start();
      try {
        var signed = Poll.until(Duration.ofSeconds(30), () -> checkpoints.latest(tenant), Optional::isPresent);
        assertThat(signed).as("signed at start, an hour before the first interval ends").isPresent();
        assertThat(signed.get().size()).isEqualTo(s.auditLog().verify(tenant).checked());
      } finally {
        scheduler.stop();
      }
    }
  }
}
