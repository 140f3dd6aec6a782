package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class DataPlaneApiOnH2Test extends DataPlaneApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
