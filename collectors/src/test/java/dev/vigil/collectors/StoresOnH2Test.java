package dev.vigil.collectors;

import dev.vigil.collectors.testing.TestDb;

class StoresOnH2Test extends StoresContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
