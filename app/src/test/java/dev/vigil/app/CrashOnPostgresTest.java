package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class CrashOnPostgresTest extends CrashContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
