package dev.vigil.collectors.sinks;

import dev.vigil.collectors.testing.TestDb;

class CheckpointPublisherOnPostgresTest extends CheckpointPublisherContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.POSTGRES;
  }
}
