package dev.vigil.collectors.alerts;

import dev.vigil.collectors.testing.TestDb;

class AlertDispatcherOnH2Test extends AlertDispatcherContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
