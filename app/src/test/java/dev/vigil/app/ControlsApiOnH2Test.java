package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class ControlsApiOnH2Test extends ControlsApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
