package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class EvidenceApiOnPostgresTest extends EvidenceApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
