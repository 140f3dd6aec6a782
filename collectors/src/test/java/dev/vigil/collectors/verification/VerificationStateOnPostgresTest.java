package dev.vigil.collectors.verification;

import dev.vigil.collectors.testing.TestDb;

class VerificationStateOnPostgresTest extends VerificationStateContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
