package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class DataPlaneApiOnPostgresTest extends DataPlaneApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
