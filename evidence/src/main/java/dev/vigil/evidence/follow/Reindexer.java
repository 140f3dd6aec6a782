package dev.vigil.evidence.follow;

import dev.vigil.evidence.EvidenceSink;
import dev.vigil.evidence.docs.EvidenceDao;
import dev.vigil.evidence.docs.EvidenceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Rebuilds a tenant's index from the database: replays its chain from the first entry into a
 * new index beside the live one, through the same documents the follower makes, then, with the
 * tenant's indexing paused, catches the new index up to the head and swaps it in. Searches
 * answer from the old index throughout. Thread-safe; rebuilds of one tenant must not overlap.
 */
public final class Reindexer {

  private final Jdbi jdbi;
  private final EvidenceReader reader;
  private final EvidenceSink index;
  private final ChainFollower follower;
  private final int batch;
  private final Clock clock;

  public Reindexer(Jdbi jdbi, EvidenceReader reader, EvidenceSink index, ChainFollower follower, int batch,
      Clock clock) {
    this.jdbi = jdbi;
    this.reader = reader;
    this.index = index;
    this.follower = follower;
    this.batch = batch;
    this.clock = clock;
  }

  /** The tenants with a chain, in id order. */
  public List<String> tenants() {
    return jdbi.withExtension(EvidenceDao.class, EvidenceDao::heads).stream().map(EvidenceDao.TenantHead::tenantId)
        .sorted().toList();
  }

  /** Rebuilds the tenant's index, reporting progress after each batch; returns the final progress. */
  public Progress rebuild(String tenantId, Consumer<Progress> progress) {
    Instant started = clock.instant();
    long total = jdbi.withExtension(EvidenceDao.class, dao -> dao.head(tenantId)).map(EvidenceDao.TenantHead::seq)
        .orElse(0L);
    EvidenceReader.Tenant chain = reader.tenant(tenantId);
    long documents = 0;
    ExecutorService reading = Executors.newSingleThreadExecutor(r -> new Thread(r, "evidence-rebuild-reader"));
    try (EvidenceSink.Rebuild building = index.rebuild(tenantId)) {
      progress.accept(new Progress(tenantId, Progress.RUNNING, 0, total, 0, started, null, null));
      try (ReadAhead batches = new ReadAhead(chain, reading, 0, batch, docs -> index.prepare(tenantId, docs))) {
        while (building.indexedSeq() < total) {
          ReadAhead.Batch b = batches.next();
          if (b == null) throw new IllegalStateException("the chain ends at seq " + building.indexedSeq()
              + " but its head said " + total);
          building.add(b.docs(), b.lastSeq());
          documents += b.docs().size();
          progress.accept(new Progress(tenantId, Progress.RUNNING, Math.min(building.indexedSeq(), total), total,
              documents, started, null, null));
        }
      }
      long[] last = {documents};
      follower.exclusively(tenantId, () -> {
        long n;
        while ((n = step(tenantId, chain, building)) > 0) last[0] += n;
        try {
          building.swapIn();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      });
      index.refresh(tenantId);
      Progress done = new Progress(tenantId, Progress.DONE, total, total, last[0], started, clock.instant(), null);
      progress.accept(done);
      return done;
    } catch (IOException | RuntimeException e) {
      Progress failed = new Progress(tenantId, Progress.FAILED, 0, total, documents, started, clock.instant(),
          e.toString());
      progress.accept(failed);
      return failed;
    } finally {
      reading.shutdown();
    }
  }

  /** Indexes the next batch into {@code building}; the number of documents, 0 at the head. */
  private long step(String tenantId, EvidenceReader.Tenant chain, EvidenceSink.Rebuild building) {
    List<EvidenceDao.Indexed> entries = chain.entries(building.indexedSeq(), batch);
    if (entries.isEmpty()) return 0;
    EvidenceSink.Prepared docs = index.prepare(tenantId, chain.documents(entries));
    building.add(docs, entries.get(entries.size() - 1).entry().seq());
    return docs.size();
  }
}
