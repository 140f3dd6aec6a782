package dev.vigil.controls.audit;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Splits a JSON-lines file into batches of whole lines while hashing every byte read, so that a
 * file of any size is read once, in bounded memory. Empty lines are skipped (and not counted); a
 * line longer than {@code maxLine} bytes is not kept but still hashed and counted, and its batch
 * marks it as too long. Not thread-safe: one reader owns it.
 */
final class LineBatches {

  /**
   * Lines {@code firstLine, firstLine+1, ...} (1-based over non-empty lines) of one batch, and
   * the line before the batch (null for the first batch, empty when it was too long), which a
   * reader chaining each line from the one before needs.
   */
  record Batch(long firstLine, byte[] previousLine, byte[] bytes, int[] starts, int[] ends, boolean[] tooLong) {
    int size() {
      return starts.length;
    }
  }

  private final InputStream in;
  private final MessageDigest digest;
  private final int maxLine;
  private final int batchBytes;
  private byte[] buffer;
  private int length;
  private boolean ended;
  private boolean skippingLongLine;
  private long lines;
  /** Too-long lines that ended before the buffer's first byte: they lead the next batch. */
  private int pendingTooLong;
  private byte[] lastLine;

  /**
   * @param batchBytes about how many bytes a batch holds (a batch is cut at a line's end)
   */
  LineBatches(InputStream in, MessageDigest digest, int maxLine, int batchBytes) {
    this.in = in;
    this.digest = digest;
    this.maxLine = maxLine;
    this.batchBytes = batchBytes;
    this.buffer = new byte[batchBytes + 64 * 1024];
  }

  /** The next batch, or null at the end of the file. */
  Batch next() throws IOException {
    while (true) {
      int cut = lastNewline();
      if (cut >= 0 && (length >= batchBytes || ended)) return cut(cut + 1);
      if (ended) return length > 0 || pendingTooLong > 0 || skippingLongLine ? cut(length) : null;
      if (length == buffer.length) {
        if (cut >= 0) return cut(cut + 1);
        // One line fills the buffer: either the buffer grows to hold it, or it is too long.
        if (buffer.length < maxLine + 1) {
          buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLine + 1));
        } else {
          skippingLongLine = true;
          length = 0;
        }
        continue;
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        ended = true;
      } else {
        digest.update(buffer, length, n);
        if (skippingLongLine) n = dropUntilNewline(n);
        length += n;
      }
    }
  }

  /** While a too-long line passes, its bytes are dropped up to and including its newline. */
  private int dropUntilNewline(int n) {
    for (int i = length; i < length + n; i++) {
      if (buffer[i] == '\n') {
        skippingLongLine = false;
        pendingTooLong++;
        int rest = length + n - i - 1;
        System.arraycopy(buffer, i + 1, buffer, length, rest);
        return rest;
      }
    }
    return 0;
  }

  private int lastNewline() {
    for (int i = length - 1; i >= 0; i--) {
      if (buffer[i] == '\n') return i;
    }
    return -1;
  }

  /** Takes the first {@code end} bytes of the buffer as a batch. */
  private Batch cut(int end) {
    byte[] bytes = Arrays.copyOf(buffer, end);
    int count = pendingTooLong + (skippingLongLine && ended ? 1 : 0);
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') continue;
      count++;
      while (i < end && bytes[i] != '\n') i++;
    }
    int[] starts = new int[count];
    int[] ends = new int[count];
    boolean[] tooLong = new boolean[count];
    int k = 0;
    for (; k < pendingTooLong; k++) tooLong[k] = true;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') continue;
      starts[k] = i;
      while (i < end && bytes[i] != '\n') i++;
      ends[k++] = i;
    }
    if (skippingLongLine && ended) {
      tooLong[k] = true;
      skippingLongLine = false;
    }
    System.arraycopy(buffer, end, buffer, 0, length - end);
    length -= end;
    Batch batch = new Batch(lines + 1, lastLine, bytes, starts, ends, tooLong);
    if (count > 0) {
      lastLine = tooLong[count - 1] ? new byte[0] : Arrays.copyOfRange(bytes, starts[count - 1], ends[count - 1]);
    }
    lines += count;
    pendingTooLong = 0;
    return batch;
  }
}
