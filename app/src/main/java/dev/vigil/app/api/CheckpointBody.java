package dev.vigil.app.api;

import dev.vigil.controls.audit.Checkpoint;
import java.time.Instant;

/** A signed checkpoint as served; {@code note} is the C2SP signed-note text. */
public record CheckpointBody(long size, String headHash, Instant issuedAt, String note) {

  public static CheckpointBody of(Checkpoint c) {
    return new CheckpointBody(c.size(), c.headHash(), c.issuedAt(), c.note());
  }
}
