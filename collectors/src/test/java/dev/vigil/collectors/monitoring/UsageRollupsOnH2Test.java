package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class UsageRollupsOnH2Test extends UsageRollupsContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
