package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class ControlsApiOnPostgresTest extends ControlsApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
