package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class SecretsOnPostgresTest extends SecretsContract {
  SecretsOnPostgresTest() {
    super(TestDb.Kind.POSTGRES);
  }
}
