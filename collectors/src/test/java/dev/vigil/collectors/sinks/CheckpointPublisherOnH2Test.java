package dev.vigil.collectors.sinks;

import dev.vigil.collectors.testing.TestDb;

class CheckpointPublisherOnH2Test extends CheckpointPublisherContract {
  @Override
  TestDb.Kind kind() {
    return TestDb.Kind.H2;
  }
}
