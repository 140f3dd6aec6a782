package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class CrashOnH2Test extends CrashContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
