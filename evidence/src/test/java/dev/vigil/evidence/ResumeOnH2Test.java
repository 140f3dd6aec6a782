package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class ResumeOnH2Test extends ResumeContract {
  ResumeOnH2Test() {
    super(TestDb.Kind.H2);
  }
}
