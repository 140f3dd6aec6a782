package dev.vigil.collectors.crypto;

import dev.vigil.collectors.testing.TestDb;

class MasterKeyRotationOnH2Test extends MasterKeyRotationContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
