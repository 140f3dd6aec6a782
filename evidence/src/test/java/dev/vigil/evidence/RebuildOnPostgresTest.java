package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class RebuildOnPostgresTest extends RebuildContract {
  RebuildOnPostgresTest() {
    super(TestDb.Kind.POSTGRES);
  }
}
