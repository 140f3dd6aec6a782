package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class RechecksOnH2Test extends RechecksContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
