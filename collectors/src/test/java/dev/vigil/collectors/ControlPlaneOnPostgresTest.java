package dev.vigil.collectors;

import dev.vigil.collectors.testing.TestDb;

class ControlPlaneOnPostgresTest extends ControlPlaneContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
