package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class GrantUseOnH2Test extends GrantUseContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
