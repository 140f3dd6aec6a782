package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

class EvidenceApiOnH2Test extends EvidenceApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
