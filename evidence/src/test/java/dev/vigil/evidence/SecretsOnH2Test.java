package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class SecretsOnH2Test extends SecretsContract {
  SecretsOnH2Test() {
    super(TestDb.Kind.H2);
  }
}
