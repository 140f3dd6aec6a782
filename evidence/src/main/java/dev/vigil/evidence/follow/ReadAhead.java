package dev.vigil.evidence.follow;

import dev.vigil.evidence.EvidenceDoc;
import dev.vigil.evidence.EvidenceSink;
import dev.vigil.evidence.docs.EvidenceDao;
import dev.vigil.evidence.docs.EvidenceReader;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A tenant's chain in batches, read one batch ahead of whoever indexes them: while a batch is
 * added to Lucene, the next is read from the database, made into documents and prepared for
 * the index on another thread. Reading and building cost about as much as indexing (docs/benchmarks.md), so on two
 * cores the two overlap. One consumer; close it before another reads the same tenant, so that
 * no read is left running.
 */
final class ReadAhead implements AutoCloseable {

  /** One batch: its documents, and the last entry's seq and time. */
  record Batch(EvidenceSink.Prepared docs, long lastSeq, Instant lastTime) {}

  private final EvidenceReader.Tenant chain;
  private final Executor executor;
  private final int size;
  private final Function<List<EvidenceDoc>, EvidenceSink.Prepared> prepare;
  private CompletableFuture<Batch> pending;

  /**
   * Starts reading the entries after {@code afterSeq}, {@code size} at a time, each batch's
   * documents made ready to add by {@code prepare}.
   */
  ReadAhead(EvidenceReader.Tenant chain, Executor executor, long afterSeq, int size,
      Function<List<EvidenceDoc>, EvidenceSink.Prepared> prepare) {
    this.chain = chain;
    this.executor = executor;
    this.size = size;
    this.prepare = prepare;
    this.pending = read(afterSeq);
  }

  /** The next batch, or null at the head of the chain; reading the one after starts at once. */
  Batch next() {
    if (pending == null) return null;
    Batch b = join(pending);
    pending = b == null ? null : read(b.lastSeq());
    return b;
  }

  private CompletableFuture<Batch> read(long afterSeq) {
    return CompletableFuture.supplyAsync(() -> {
      List<EvidenceDao.Indexed> entries = chain.entries(afterSeq, size);
      if (entries.isEmpty()) return null;
      EvidenceDao.Indexed last = entries.get(entries.size() - 1);
      return new Batch(prepare.apply(chain.documents(entries)), last.entry().seq(), last.entry().time());
    }, executor);
  }

  private static Batch join(CompletableFuture<Batch> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  /** Waits for a read still under way, and drops it. */
  @Override
  public void close() {
    if (pending == null) return;
    try {
      pending.join();
    } catch (CompletionException dropped) {
      // the batch is not wanted, nor its failure
    }
    pending = null;
  }
}
