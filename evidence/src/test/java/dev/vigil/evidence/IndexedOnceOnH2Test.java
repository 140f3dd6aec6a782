package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class IndexedOnceOnH2Test extends IndexedOnceContract {
  IndexedOnceOnH2Test() {
    super(TestDb.Kind.H2);
  }
}
