package dev.vigil.collectors.monitoring;

import dev.vigil.collectors.testing.TestDb;

class ChainVerificationOnH2Test extends ChainVerificationContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
