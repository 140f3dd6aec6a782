package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class LiveIndexOnH2Test extends LiveIndexContract {
  LiveIndexOnH2Test() {
    super(TestDb.Kind.H2);
  }
}
