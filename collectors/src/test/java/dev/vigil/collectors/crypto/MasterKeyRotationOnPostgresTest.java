package dev.vigil.collectors.crypto;

import dev.vigil.collectors.testing.TestDb;

class MasterKeyRotationOnPostgresTest extends MasterKeyRotationContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
