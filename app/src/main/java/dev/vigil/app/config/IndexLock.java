package dev.vigil.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * One process's hold on the evidence index directory, for as long as it uses it: the server
 * for its lifetime, the {@code reindex} command while it runs. Each tenant's index has its own
 * Lucene write lock, but those are taken only as tenants are opened, and a rebuild writes a
 * new directory beside the live one; this one lock on the whole directory is what keeps a
 * command from rebuilding under a running server. An operating-system lock (Lucene's
 * native lock), so it is released when the process dies.
 */
public final class IndexLock implements AutoCloseable {

  /** The lock file in the index directory. */
  static final String NAME = "vigil-index.lock";

  private final Directory directory;
  private final Lock lock;

  private IndexLock(Directory directory, Lock lock) {
    this.directory = directory;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code root}, creating the directory if need be.
   *
   * @throws LockObtainFailedException when another process (or this one) holds it
   */
  public static IndexLock obtain(Path root) throws IOException {
    Files.createDirectories(root);
    Directory directory = FSDirectory.open(root);
    try {
      return new IndexLock(directory, directory.obtainLock(NAME));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.close();
    } finally {
      directory.close();
    }
  }
}
