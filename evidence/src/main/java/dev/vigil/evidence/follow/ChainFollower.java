package dev.vigil.evidence.follow;

import dev.vigil.collectors.audit.AuditDao;
import dev.vigil.evidence.EvidenceSink;
import dev.vigil.evidence.docs.EvidenceDao;
import dev.vigil.evidence.docs.EvidenceReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the evidence index up to date with every tenant's chain, on its own threads and never
 * inside a request's transaction: ingest does not wait for it. A tenant is indexed when this
 * node commits to its chain ({@link #changed}) and when a poll of the chain heads shows it grew
 * (on this node or another). Each tenant is indexed by one thread at a time, in seq order, from
 * where its index's last commit left off. What was added becomes searchable when a search needs
 * it (see the index) and durable at the next commit. Thread-safe.
 */
public final class ChainFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);

  /**
   * How the follower runs.
   *
   * @param threads tenants indexed at once
   * @param poll how often the chain heads are read, which with the linger bounds how late other nodes'
   *     changes are seen
   * @param commit how often they are made durable
   * @param batch entries read from the database at a time
   * @param linger the least time between two reads of one tenant's chain: a read costs about as
   *     much for one entry as for a hundred, and a stream of decisions commits hundreds of small
   *     groups a second; zero reads after every commit
   */
  public record Settings(int threads, Duration poll, Duration commit, int batch, Duration linger) {}

  private final Jdbi jdbi;
  private final EvidenceReader reader;
  private final EvidenceSink index;
  private final Settings settings;
  private final Clock clock;
  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private final ScheduledExecutorService workers;
  /** Read and build the next batch of each tenant being indexed, while its worker indexes the last. */
  private final ExecutorService readers;

  public ChainFollower(Jdbi jdbi, EvidenceReader reader, EvidenceSink index, Settings settings, Clock clock) {
    this.jdbi = jdbi;
    this.reader = reader;
    this.index = index;
    this.settings = settings;
    this.clock = clock;
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "evidence-timer"));
    this.workers = Executors.newScheduledThreadPool(settings.threads(), r -> daemon(r, "evidence-indexer"));
    this.readers = Executors.newFixedThreadPool(settings.threads(), r -> daemon(r, "evidence-reader"));
  }

  /** Starts polling and committing. */
  public void start() {
    timers.scheduleWithFixedDelay(this::poll, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(index::commit, settings.commit().toMillis(), settings.commit().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Hears that the tenant's chain grew on this node; returns at once. */
  public void changed(String tenantId) {
    feed(tenantId).schedule();
  }

  /**
   * Indexes the tenant up to its current head on the calling thread, and makes it searchable.
   * For commands and tests; the service indexes on its own threads.
   */
  public void catchUp(String tenantId) {
    Feed f = feed(tenantId);
    f.lock.lock();
    try {
      f.drain();
    } finally {
      f.lock.unlock();
    }
    index.refresh(tenantId);
  }

  /** Runs {@code work} while no entry of the tenant is being indexed: for a rebuild's last step. */
  <T> T exclusively(String tenantId, Supplier<T> work) {
    Feed f = feed(tenantId);
    f.lock.lock();
    try {
      return work.get();
    } finally {
      f.lock.unlock();
    }
  }

  /** The lag of every tenant with a chain, as of the last poll; the worst first. */
  public List<Lag> lags() {
    List<Lag> out = new ArrayList<>();
    for (Feed f : feeds.values()) out.add(f.lag());
    out.sort(Comparator.comparingDouble(Lag::seconds).thenComparingLong(Lag::entries).reversed());
    return out;
  }

  /** The last indexing failure of any tenant, while it lasts (cleared by the tenant's next success). */
  public List<String> failures() {
    return feeds.values().stream().map(f -> f.failure).filter(Objects::nonNull).toList();
  }

  private void poll() {
    try {
      List<EvidenceDao.TenantHead> heads = jdbi.withExtension(EvidenceDao.class, EvidenceDao::heads);
      for (EvidenceDao.TenantHead h : heads) {
        Feed f = feed(h.tenantId());
        f.head = h;
        f.measure();
        if (h.seq() > index.indexedSeq(h.tenantId())) f.schedule();
      }
    } catch (RuntimeException e) {
      LOG.warn("reading the chain heads for the evidence index failed; retrying at the next poll", e);
    }
  }

  private Feed feed(String tenantId) {
    return feeds.computeIfAbsent(tenantId, Feed::new);
  }

  /** One tenant's indexing: at most one drain queued or running. */
  private final class Feed {
    final String tenantId;
    final ReentrantLock lock = new ReentrantLock();
    final AtomicBoolean queued = new AtomicBoolean();
    /** When the last drain began ({@link System#nanoTime}); only the thread holding {@link #lock} sets it. */
    volatile long drainedAt = System.nanoTime() - settings.linger().toNanos();
    final EvidenceReader.Tenant chain;
    volatile EvidenceDao.TenantHead head;
    volatile double behindSeconds;
    volatile String failure;

    Feed(String tenantId) {
      this.tenantId = tenantId;
      this.chain = reader.tenant(tenantId);
      this.head = new EvidenceDao.TenantHead(tenantId, 0, null);
    }

    void schedule() {
      if (queued.compareAndSet(false, true)) {
        try {
          long wait = drainedAt + settings.linger().toNanos() - System.nanoTime();
          if (wait <= 0) workers.execute(this::run);
          else workers.schedule(this::run, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
          queued.set(false);
        }
      }
    }

    private void run() {
      queued.set(false);
      lock.lock();
      try {
        drain();
        failure = null;
      } catch (RuntimeException e) {
        if (failure == null) LOG.error("indexing the chain of tenant {} failed; retrying at the next poll", tenantId, e);
        failure = "tenant " + tenantId + ": " + e;
      } catch (Error e) {
        // A scheduled task's throwable goes to its future, which nobody reads: say it here.
        LOG.error("indexing the chain of tenant {} failed", tenantId, e);
        throw e;
      } finally {
        lock.unlock();
      }
    }

    /** Indexes every entry after the index's watermark, a batch at a time. Holds the lock. */
    void drain() {
      drainedAt = System.nanoTime();
      try (ReadAhead batches = new ReadAhead(chain, readers, index.indexedSeq(tenantId), settings.batch(),
          docs -> index.prepare(tenantId, docs))) {
        for (ReadAhead.Batch b = batches.next(); b != null; b = batches.next()) {
          index.add(tenantId, b.docs(), b.lastSeq());
          if (b.lastSeq() > head.seq()) head = new EvidenceDao.TenantHead(tenantId, b.lastSeq(), b.lastTime());
        }
      }
    }

    /** The age of the oldest entry not yet indexed, read once per poll while the index is behind. */
    void measure() {
      long indexed = index.indexedSeq(tenantId);
      if (indexed >= head.seq()) {
        behindSeconds = 0;
        return;
      }
      Instant oldest = jdbi.withExtension(AuditDao.class, dao -> dao.timeAt(tenantId, indexed + 1)).orElse(null);
      behindSeconds = oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    Lag lag() {
      long indexed = index.indexedSeq(tenantId);
      long headSeq = Math.max(head.seq(), indexed);
      return new Lag(tenantId, headSeq, indexed, headSeq - indexed, headSeq == indexed ? 0 : behindSeconds);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Stops indexing, letting a poll, refresh, commit or batch under way finish, and commits
   * what was indexed. Never by interrupting them: a thread interrupted inside Lucene closes
   * the file channel it touches, the index's write lock among them, and the index cannot
   * commit again ("FileLock invalidated by an external force").
   */
  @Override
  public void close() throws InterruptedException {
    timers.shutdown(); // cancels the periodic tasks; the one running finishes
    workers.shutdown();
    boolean stopped = timers.awaitTermination(30, TimeUnit.SECONDS);
    stopped &= workers.awaitTermination(30, TimeUnit.SECONDS);
    if (!stopped) {
      LOG.warn("the evidence indexer did not stop within 30 s; interrupting it");
      timers.shutdownNow();
      workers.shutdownNow();
    }
    // The workers have closed their read-aheads: no read is left running.
    readers.shutdown();
    index.commit();
  }
}
