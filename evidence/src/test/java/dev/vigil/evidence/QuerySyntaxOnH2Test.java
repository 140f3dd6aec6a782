package dev.vigil.evidence;

import dev.vigil.collectors.testing.TestDb;

class QuerySyntaxOnH2Test extends QuerySyntaxContract {
  QuerySyntaxOnH2Test() {
    super(TestDb.Kind.H2);
  }
}
