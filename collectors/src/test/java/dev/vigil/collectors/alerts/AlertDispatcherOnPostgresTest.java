package dev.vigil.collectors.alerts;

import dev.vigil.collectors.testing.TestDb;

class AlertDispatcherOnPostgresTest extends AlertDispatcherContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
