package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class QuerySyntaxOnPostgresTest extends QuerySyntaxContract {
  QuerySyntaxOnPostgresTest() {
    super(TestDb.Kind.POSTGRES);
  }
}
