package dev.vigil.collectors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.testing.TestDb;
import dev.vigil.collectors.testing.TestStores;
import dev.vigil.controls.audit.Checkpoint;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class VerifiedNotesTest {

  @Test
  void aRememberedNoteStillFailsOnceItsTextChangesAndAFailureIsNeverRemembered() {
    try (TestDb db = TestDb.h2()) {
      CheckpointSigner signer = CheckpointSigner.loadOrCreate(db.jdbi(), TestStores.on(db, Clock.systemUTC()).master(),
          Clock.systemUTC());
      String note = signer.signNote("vigil.example/ten_a\n7\nq2Vm5lL0lJtjq+x4S7mUj3x5w8iRZ6aWJ1vZy2TMZ1U=\n");
      String forged = note.replace("\n7\n", "\n8\n");
      VerifiedNotes notes = new VerifiedNotes(Checkpoint.KEY_NAME, signer.publicKey(), 2);

      assertThat(notes.verify(forged)).isFalse();
      assertThat(notes.verify(note)).isTrue();
      assertThat(notes.verify(note)).as("remembered").isTrue();
      assertThat(notes.verify(forged)).as("another text is verified afresh").isFalse();

      VerifiedNotes otherKey = new VerifiedNotes(Checkpoint.KEY_NAME, new byte[32], 2);
      assertThat(otherKey.verify(note)).isFalse();
    }
  }
}
