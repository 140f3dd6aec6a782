package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class IndexedOnceOnPostgresTest extends IndexedOnceContract {
  IndexedOnceOnPostgresTest() {
    super(TestDb.Kind.POSTGRES);
  }
}
