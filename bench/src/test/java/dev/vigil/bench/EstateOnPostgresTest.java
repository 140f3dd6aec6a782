package dev.vigil.bench;

import dev.vigil.collectors.testing.TestDb;

class EstateOnPostgresTest extends EstateContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
