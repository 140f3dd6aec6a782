package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class FuzzOnH2Test extends FuzzContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
