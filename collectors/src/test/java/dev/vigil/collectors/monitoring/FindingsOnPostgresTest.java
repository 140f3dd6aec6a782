package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class FindingsOnPostgresTest extends FindingsContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
