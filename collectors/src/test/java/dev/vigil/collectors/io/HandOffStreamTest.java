package dev.vigil.collectors.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bytes handed to another thread arrive whole and in order, and a failing target is reported to the writer. */
class HandOffStreamTest {

  @Test
  void aFailingTargetFailsTheWriterAndTheThreadStillEnds() throws Exception {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("disk full");
      }
    };
    HandOffStream out = new HandOffStream(broken, "test-hand-off");
    byte[] chunk = new byte[100_000];

    assertThatThrownBy(() -> {
      for (int i = 0; i < 1_000; i++) out.write(chunk);
      out.close();
    }).isInstanceOf(IOException.class).hasMessageContaining("disk full");
    assertThatThrownBy(out::close).as("closing says so too, and ends the thread").hasMessageContaining("disk full");
    out.close();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-hand-off"));
  }

  @Test
  void everyByteArrivesInOrderWhateverTheWriteSizes() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    byte[] data = new byte[3_000_000];
    random.nextBytes(data);
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    try (HandOffStream out = new HandOffStream(target, "test-order")) {
      int at = 0;
      while (at < data.length) {
        if (random.nextInt(10) == 0) {
          out.write(data[at++]);
        } else {
          int n = Math.min(data.length - at, random.nextInt(200_000));
          out.write(data, at, n);
          at += n;
        }
      }
    }
    assertThat(target.toByteArray()).isEqualTo(data);
  }
}
