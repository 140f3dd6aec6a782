package dev.vigil.collectors;

import dev.vigil.collectors.testing.TestDb;

class StoresOnPostgresTest extends StoresContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
