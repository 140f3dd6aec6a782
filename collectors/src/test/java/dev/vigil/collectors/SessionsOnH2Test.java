package dev.vigil.collectors;

import dev.vigil.collectors.testing.TestDb;

class SessionsOnH2Test extends SessionsContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
