package dev.vigil.collectors.reports;

import dev.vigil.collectors.testing.TestDb;

class ReportStoreOnH2Test extends ReportStoreContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
