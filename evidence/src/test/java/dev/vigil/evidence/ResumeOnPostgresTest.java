package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class ResumeOnPostgresTest extends ResumeContract {
  ResumeOnPostgresTest() {
    super(TestDb.Kind.POSTGRES);
  }
}
