package dev.vigil.collectors.reports;

import dev.vigil.collectors.testing.TestDb;

class ReportStoreOnPostgresTest extends ReportStoreContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
