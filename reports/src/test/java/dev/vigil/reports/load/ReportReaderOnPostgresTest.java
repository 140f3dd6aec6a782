package dev.vigil.reports.load;

import dev.vigil.collectors.testing.TestDb;

class ReportReaderOnPostgresTest extends ReportReaderContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
