package dev.vigil.collectors.audit;

import dev.vigil.collectors.testing.TestDb;

class AppendOnH2Test extends AppendContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
