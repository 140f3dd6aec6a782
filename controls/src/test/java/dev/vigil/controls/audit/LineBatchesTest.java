package dev.vigil.controls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Batches give back every non-empty line in order, whatever the cuts, and hash every byte. */
class LineBatchesTest {

  private static final int MAX_LINE = 100;

  @Test
  void randomFilesComeBackLineByLineWithTooLongLinesMarkedAndEveryByteHashed() throws IOException {
    Random random = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      List<String> expected = new ArrayList<>();
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      int count = random.nextInt(40);
      for (int i = 0; i < count; i++) {
        int length = random.nextInt(10) == 0 ? MAX_LINE + 1 + random.nextInt(300) : random.nextInt(MAX_LINE + 1);
        String line = "x".repeat(length).replace('x', (char) ('a' + i % 26));
        file.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        if (i < count - 1 || random.nextBoolean()) file.write('\n');
        if (length > MAX_LINE) expected.add("<too long>");
        else if (length > 0) expected.add(line);
      }
      byte[] bytes = file.toByteArray();
      MessageDigest sha = Sha256.digest();
      LineBatches batches = new LineBatches(trickle(bytes, random), sha, MAX_LINE, 1 + random.nextInt(64));

      List<String> read = new ArrayList<>();
      String previous = null;
      for (LineBatches.Batch b = batches.next(); b != null; b = batches.next()) {
        assertThat(b.previousLine() == null ? null : new String(b.previousLine(), StandardCharsets.UTF_8))
            .as("trial %d: the line before the batch", trial).isEqualTo(previous);
        if (b.tooLong()) {
          read.add("<too long>");
          previous = "";
          continue;
        }
        LineBatches.Lines lines = LineBatches.lines(b);
        for (int i = 0; i < lines.size(); i++) {
          String line = new String(b.bytes(), lines.starts()[i], lines.ends()[i] - lines.starts()[i],
              StandardCharsets.UTF_8);
          read.add(line);
          previous = line;
        }
      }

      assertThat(read).as("trial %d", trial).isEqualTo(expected);
      assertThat(HexFormat.of().formatHex(sha.digest())).as("trial %d", trial).isEqualTo(Sha256.hex(bytes));
    }
  }

  /** A stream that hands out a few bytes at a time, as a slow inflater or network might. */
  private static InputStream trickle(byte[] bytes, Random random) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(50)));
      }
    };
  }
}
