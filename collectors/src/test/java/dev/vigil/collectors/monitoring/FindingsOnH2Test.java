package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class FindingsOnH2Test extends FindingsContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
