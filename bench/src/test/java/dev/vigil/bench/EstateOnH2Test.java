package dev.vigil.bench;

import dev.vigil.collectors.testing.TestDb;

class EstateOnH2Test extends EstateContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
