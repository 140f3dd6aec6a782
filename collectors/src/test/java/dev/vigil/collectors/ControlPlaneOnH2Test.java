package dev.vigil.collectors;

import dev.vigil.collectors.testing.TestDb;

class ControlPlaneOnH2Test extends ControlPlaneContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
