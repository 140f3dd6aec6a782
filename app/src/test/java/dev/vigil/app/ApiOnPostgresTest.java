package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class ApiOnPostgresTest extends ApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
