package dev.vigil.collectors;

import dev.vigil.collectors.testing.TestDb;

class PageQueriesOnPostgresTest extends PageQueriesContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
