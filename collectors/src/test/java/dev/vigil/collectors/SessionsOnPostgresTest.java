package dev.vigil.collectors;

import dev.vigil.collectors.testing.TestDb;

class SessionsOnPostgresTest extends SessionsContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
