package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class ChainVerificationOnPostgresTest extends ChainVerificationContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
