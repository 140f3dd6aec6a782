package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class GrantUseOnPostgresTest extends GrantUseContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
