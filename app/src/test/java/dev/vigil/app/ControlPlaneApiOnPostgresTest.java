package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class ControlPlaneApiOnPostgresTest extends ControlPlaneApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
