package dev.vigil.controls.audit;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Cuts a JSON-lines file into batches of whole lines while hashing every byte read, so that a
 * file of any size is read once, in bounded memory. The reader only finds where a batch ends;
 * splitting a batch into lines is left to whoever processes it ({@link #lines}), on its own
 * thread. A line longer than {@code maxLine} bytes is not kept: it is hashed as it passes and
 * becomes a batch of its own that says so. Not thread-safe: one reader owns it.
 */
final class LineBatches {

  /**
   * Whole lines, {@code bytes[0, length)}, or one line too long to keep ({@code tooLong}); and
   * the last non-empty line before the batch (null before the first, empty when that was too
   * long), which a reader chaining each line from the one before needs.
   */
  record Batch(byte[] previousLine, byte[] bytes, int length, boolean tooLong) {}

  /** The non-empty lines of a batch: {@code [starts[i], ends[i])} of its bytes. */
  record Lines(int[] starts, int[] ends) {
    int size() {
      return starts.length;
    }
  }

  private final InputStream in;
  private final MessageDigest digest;
  private final int maxLine;
  private final int batchBytes;
  /** Bytes read after the last batch's end: the start of the next line. */
  private byte[] carry = new byte[0];
  private byte[] previousLine;
  private boolean ended;

  /**
   * @param batchBytes about how many bytes a batch holds (a batch is cut at a line's end)
   */
  LineBatches(InputStream in, MessageDigest digest, int maxLine, int batchBytes) {
    this.in = in;
    this.digest = digest;
    this.maxLine = maxLine;
    this.batchBytes = batchBytes;
  }

  /** The next batch, or null at the end of the file. */
  Batch next() throws IOException {
    byte[] buffer = Arrays.copyOf(carry, Math.max(batchBytes, carry.length * 2));
    int length = carry.length;
    while (true) {
      int n = ended ? -1 : in.read(buffer, length, buffer.length - length);
      if (n > 0) {
        digest.update(buffer, length, n);
        length += n;
        if (length < buffer.length) continue;
      } else if (n < 0) {
        ended = true;
      } else {
        continue;
      }
      int cut = lastNewline(buffer, length);
      if (cut >= 0) return batch(buffer, cut + 1, length);
      if (ended) return length == 0 ? null : batch(buffer, length, length);
      if (buffer.length <= maxLine) {
        // One line fills the buffer: it grows, up to the longest line kept.
        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLine + 1));
      } else {
        return skipLongLine();
      }
    }
  }

  /** Takes {@code buffer[0, end)} as a batch and keeps {@code [end, length)} for the next. */
  private Batch batch(byte[] buffer, int end, int length) {
    carry = Arrays.copyOfRange(buffer, end, length);
    Batch batch = new Batch(previousLine, buffer, end, false);
    int lineEnd = end;
    while (lineEnd > 0 && buffer[lineEnd - 1] == '\n') lineEnd--;
    if (lineEnd > 0) {
      int lineStart = lastNewline(buffer, lineEnd) + 1;
      previousLine = Arrays.copyOfRange(buffer, lineStart, lineEnd);
    }
    return batch;
  }

  /** Reads on, hashing, past the end of a line too long to keep; it is a batch of its own. */
  private Batch skipLongLine() throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      int n = in.read(buffer);
      if (n < 0) {
        ended = true;
        carry = new byte[0];
        break;
      }
      int newline = -1;
      for (int i = 0; i < n && newline < 0; i++) {
        if (buffer[i] == '\n') newline = i;
      }
      digest.update(buffer, 0, n);
      if (newline >= 0) {
        carry = Arrays.copyOfRange(buffer, newline + 1, n);
        break;
      }
    }
    Batch batch = new Batch(previousLine, null, 0, true);
    previousLine = new byte[0];
    return batch;
  }

  private static int lastNewline(byte[] bytes, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (bytes[i] == '\n') return i;
    }
    return -1;
  }

  /** The non-empty lines of a batch of whole lines. */
  static Lines lines(Batch batch) {
    byte[] bytes = batch.bytes();
    int length = batch.length();
    Found found = new Found(length / 256);
    int i = 0;
    // Eight bytes at a time: a batch is a megabyte, and finding its newlines a byte at a time
    // took as long as hashing its entries.
    for (; i + 8 <= length; i += 8) {
      long x = (long) LONGS.get(bytes, i) ^ NEWLINES;
      long flags = (x - ONES) & ~x & HIGHS;
      while (flags != 0) {
        int at = i + (Long.numberOfTrailingZeros(flags) >>> 3);
        flags &= flags - 1;
        // The lowest flag is exact; one above a newline may be a false one (a 0x0B after it).
        if (bytes[at] == '\n') found.newline(at);
      }
    }
    for (; i < length; i++) {
      if (bytes[i] == '\n') found.newline(i);
    }
    found.newline(length);
    return found.lines();
  }

  /** The non-empty lines between the newlines found so far. */
  private static final class Found {
    private int[] starts;
    private int[] ends;
    private int count;
    private int start;

    Found(int expected) {
      starts = new int[Math.max(16, expected)];
      ends = new int[starts.length];
    }

    void newline(int at) {
      if (at > start) {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
          ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count++] = at;
      }
      start = at + 1;
    }

    Lines lines() {
      return new Lines(Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
}
