package dev.vigil.collectors;

import dev.vigil.collectors.testing.TestDb;

class PageQueriesOnH2Test extends PageQueriesContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
