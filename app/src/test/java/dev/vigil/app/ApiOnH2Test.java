package dev.vigil.app;

import dev.vigil.collectors.testing.TestDb;

/** The API on H2, with its OpenAPI description checked against the same server. */
class ApiOnH2Test extends ApiContract implements OpenApiContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }

  @Override
  public ApiFixture api() {
    return this;
  }
}
