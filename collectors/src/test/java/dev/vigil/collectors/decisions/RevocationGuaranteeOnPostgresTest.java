package dev.vigil.collectors.decisions;

import dev.vigil.collectors.testing.TestDb;

class RevocationGuaranteeOnPostgresTest extends RevocationGuaranteeContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
