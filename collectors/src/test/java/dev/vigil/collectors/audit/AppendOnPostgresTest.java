package dev.vigil.collectors.audit;

import dev.vigil.collectors.testing.TestDb;

class AppendOnPostgresTest extends AppendContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
