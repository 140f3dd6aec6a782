package dev.vigil.collectors.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.collectors.db.Constraints;
import dev.vigil.collectors.testing.MutableClock;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Actor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The compare-and-set that keeps two runs from overwriting each other's progress: a first row
 * is inserted once, and an update that read an older version changes nothing. Rows are per
 * tenant.
 */
abstract class VerificationStateContract {

  static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
  static final Actor ADMIN = new Actor("token", "tok_test");

  abstract TestDb.Kind kind();

  static VerificationState at(long seq, long version) {
    return new VerificationState(seq, "a".repeat(64), 1, null, seq, AT, AT, version);
  }

  @Test
  void aStaleRunSavesNothingAndTheRowStaysTheWinners() {
    try (TestDb db = TestDb.of(kind())) {
      TestStores stores = TestStores.on(db, new MutableClock(AT));
      String tenant = stores.tenants().create("Acme", ADMIN).tenant().id();
      String other = stores.tenants().create("Globex", ADMIN).tenant().id();
      db.jdbi().useExtension(VerificationStateDao.class, dao -> {
        dao.insert(tenant, at(100, 1), AT);
        assertThatThrownBy(() -> dao.insert(tenant, at(90, 1), AT)).matches(Constraints::isUniqueViolation);
        assertThat(dao.update(tenant, 1, at(200, 2), AT)).as("the first to save").isEqualTo(1);
        assertThat(dao.update(tenant, 1, at(150, 2), AT)).as("read version 1 too, saved second").isZero();
        assertThat(dao.find(tenant)).contains(at(200, 2));
        assertThat(dao.find(other)).as("another tenant's state").isEmpty();
      });
    }
  }
}
