package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class MonitoringOnH2Test extends MonitoringContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
