package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class IsolationOnH2Test extends IsolationContract {
  IsolationOnH2Test() {
    super(TestDb.Kind.H2);
  }
}
