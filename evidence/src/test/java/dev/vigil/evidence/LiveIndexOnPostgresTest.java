package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class LiveIndexOnPostgresTest extends LiveIndexContract {
  LiveIndexOnPostgresTest() {
    super(TestDb.Kind.POSTGRES);
  }
}
