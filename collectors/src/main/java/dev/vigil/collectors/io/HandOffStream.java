package dev.vigil.collectors.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An output stream whose bytes a thread of its own writes to the target, a buffer at a time, so
 * that what the writer does to produce them (reading rows, writing JSON, hashing entries) and
 * what the target does with them (deflating, digests, checksums) run on two cores at once: a
 * year's report or export pushes gigabytes through both. Bytes reach the target in order.
 * {@link #close} hands over the last buffer and waits until the target has it all, then
 * closes nothing (the target stays open for its owner); a failure of the target is thrown from
 * the next write, flush or close. Not thread-safe: one writer.
 */
public final class HandOffStream extends OutputStream {

  private static final int BUFFER = 1 << 16;
  /** Buffers in flight: enough to ride out uneven work on either side, and a bounded memory. */
  private static final int BUFFERS = 8;
  private static final Chunk END = new Chunk(new byte[0], 0);

  private record Chunk(byte[] bytes, int length) {}

  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final Thread worker;
  private volatile Throwable failure;
  private byte[] buffer;
  private int used;
  private boolean closed;

  /** Starts the thread that writes to {@code target}, named {@code name} for thread dumps. */
  public HandOffStream(OutputStream target, String name) {
    for (int i = 0; i < BUFFERS; i++) free.add(new byte[BUFFER]);
    buffer = free.poll();
    worker = new Thread(() -> drain(target), name);
    worker.setDaemon(true);
    worker.start();
  }

  private void drain(OutputStream target) {
    try {
      for (Chunk c = full.take(); c != END; c = full.take()) {
        if (failure == null) {
          try {
            target.write(c.bytes(), 0, c.length());
          } catch (Throwable t) {
            // Kept for the writer, and the rest taken and dropped, so the writer never waits on a dead target.
            failure = t;
          }
        }
        free.put(c.bytes());
      }
      if (failure == null) target.flush();
    } catch (InterruptedException e) {
      failure = e;
    } catch (Throwable t) {
      failure = t;
    }
  }

  @Override
  public void write(int b) throws IOException {
    if (used == BUFFER) handOff();
    buffer[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (used == BUFFER) handOff();
      int n = Math.min(len, BUFFER - used);
      System.arraycopy(b, off, buffer, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  /** Hands over what is buffered; does not wait for the target (close does). */
  @Override
  public void flush() throws IOException {
    if (used > 0) handOff();
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    IOException pending = null;
    try {
      flush();
    } catch (IOException e) {
      pending = e;
    }
    closed = true;
    try {
      // Always, so the thread ends even when the target failed or the writer gave up midway.
      full.put(END);
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the last bytes were written");
    }
    if (pending != null) throw pending;
    failed();
  }

  private void handOff() throws IOException {
    failed();
    if (closed) throw new IOException("the stream is closed");
    try {
      full.put(new Chunk(buffer, used));
      buffer = free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handing bytes over");
    }
    used = 0;
  }

  private void failed() throws IOException {
    Throwable t = failure;
    if (t == null) return;
    if (t instanceof IOException io) throw new IOException("writing failed: " + io.getMessage(), io);
    throw new IOException("writing failed", t);
  }
}
