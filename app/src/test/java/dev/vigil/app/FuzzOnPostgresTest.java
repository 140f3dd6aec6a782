package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class FuzzOnPostgresTest extends FuzzContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
