package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class IsolationOnPostgresTest extends IsolationContract {
  IsolationOnPostgresTest() {
    super(TestDb.Kind.POSTGRES);
  }
}
