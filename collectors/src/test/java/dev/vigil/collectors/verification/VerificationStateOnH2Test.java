package dev.vigil.collectors.verification;

import dev.vigil.collectors.testing.TestDb;

class VerificationStateOnH2Test extends VerificationStateContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
