package dev.vigil.collectors.decisions;

import dev.vigil.collectors.testing.TestDb;

class RevocationGuaranteeOnH2Test extends RevocationGuaranteeContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
