package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class MonitoringOnPostgresTest extends MonitoringContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
