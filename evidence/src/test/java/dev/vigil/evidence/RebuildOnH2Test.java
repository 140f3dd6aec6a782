package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class RebuildOnH2Test extends RebuildContract {
  RebuildOnH2Test() {
    super(TestDb.Kind.H2);
  }
}
