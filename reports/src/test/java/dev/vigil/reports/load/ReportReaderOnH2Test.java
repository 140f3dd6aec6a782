package dev.vigil.reports.load;

import dev.vigil.collectors.testing.TestDb;

class ReportReaderOnH2Test extends ReportReaderContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
