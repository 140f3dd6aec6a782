package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class RechecksOnPostgresTest extends RechecksContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
