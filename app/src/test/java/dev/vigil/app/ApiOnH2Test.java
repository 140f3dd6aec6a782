package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class ApiOnH2Test extends ApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
