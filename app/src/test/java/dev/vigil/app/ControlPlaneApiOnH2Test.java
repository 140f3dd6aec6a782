package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class ControlPlaneApiOnH2Test extends ControlPlaneApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
