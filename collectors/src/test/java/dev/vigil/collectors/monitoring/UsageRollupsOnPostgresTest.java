package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class UsageRollupsOnPostgresTest extends UsageRollupsContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
