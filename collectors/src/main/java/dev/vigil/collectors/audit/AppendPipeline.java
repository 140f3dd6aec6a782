package dev.vigil.collectors.audit;

import dev.vigil.controls.audit.AuditEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;

/**
 * Group commit for audit appends. Requests for one tenant queue in a lane; one writer per
 * lane takes every waiting request (up to {@code maxEntries} entries), appends them all in a
 * single transaction, and only after that commit completes each request with its own entries.
 * "Acknowledged" still means "committed"; throughput rises because many requests share one
 * commit and one lock of the chain head. If a group's transaction fails, every request in it
 * fails and nothing of it is stored.
 *
 * <p>A decision made from a node's in-memory view ({@link Decided}) is checked here: the group
 * reads the tenant's policy version with the head it locks, and re-decides, inside its
 * transaction, every decision made on an older version before writing it. Every change that
 * can change a decision moves that version under the same head lock as its own audit entry
 * ({@link AuditAppender#appendChange}), so a decision written after a revocation's entry was
 * decided on a version that includes it.
 *
 * <p>Callers validate before submitting, so one bad request cannot sink its group. Thread-safe.
 */
public final class AppendPipeline implements AutoCloseable {

  private final Jdbi jdbi;
  private final AuditAppender appender;
  private final int maxEntries;
  private final Duration timeout;
  private final ExecutorService writers;
  private final Listener listener;
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * Hears of every group the pipeline tried to commit (metrics). Called on the writer thread
   * after the transaction ended; must return at once and not throw.
   */
  public interface Listener {
    /**
     * @param entries the entries the group held
     * @param nanos how long its transaction took, from begin to commit (or failure)
     * @param committed whether it committed; if not, every request in it failed
     */
    void group(int entries, long nanos, boolean committed);

    Listener NONE = (entries, nanos, committed) -> { };
  }

  /** {@code decided} is set when the one entry of {@code entries} is its entry. */
  private record Request(List<PendingEntry> entries, Decided decided, CompletableFuture<List<AuditEntry>> done) {}

  private static final class Lane {
    final ArrayDeque<Request> queue = new ArrayDeque<>();
    boolean draining;
  }

  /**
   * @param writers how many tenants may commit at once
   * @param maxEntries the most entries one group commit takes (a single larger request still goes alone)
   * @param timeout how long a caller waits for its commit
   */
  public AppendPipeline(Jdbi jdbi, AuditAppender appender, int writers, int maxEntries, Duration timeout) {
    this(jdbi, appender, writers, maxEntries, timeout, Listener.NONE);
  }

  /** A pipeline whose {@code listener} hears of each group commit. */
  public AppendPipeline(Jdbi jdbi, AuditAppender appender, int writers, int maxEntries, Duration timeout,
      Listener listener) {
    this.jdbi = jdbi;
    this.listener = listener;
    this.appender = appender;
    this.maxEntries = maxEntries;
    this.timeout = timeout;
    this.writers = Executors.newFixedThreadPool(writers, r -> {
      Thread t = new Thread(r, "audit-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Appends {@code entries} to the tenant's chain and returns them once committed. */
  public List<AuditEntry> append(String tenantId, List<PendingEntry> entries) {
    return await(submit(tenantId, entries));
  }

  private List<AuditEntry> await(CompletableFuture<List<AuditEntry>> done) {
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the audit commit", e);
    } catch (TimeoutException e) {
      // The group may still commit; the caller cannot know, so it must not report success.
      throw new IllegalStateException("the audit commit did not finish within " + timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("the audit commit failed", e.getCause());
    }
  }

  /**
   * Appends a decision to the tenant's chain and returns its entry once committed: the entry as
   * decided, or as re-decided in the group's transaction if the tenant's policy version moved
   * since it was decided (see {@link Decided}).
   */
  public AuditEntry append(String tenantId, Decided decided) {
    return await(enqueue(tenantId, new Request(List.of(decided.entry()), decided, new CompletableFuture<>()))).get(0);
  }

  /** Queues {@code entries}; the future completes after the commit that stores them. */
  public CompletableFuture<List<AuditEntry>> submit(String tenantId, List<PendingEntry> entries) {
    return enqueue(tenantId, new Request(List.copyOf(entries), null, new CompletableFuture<>()));
  }

  private CompletableFuture<List<AuditEntry>> enqueue(String tenantId, Request request) {
    Lane lane = lanes.computeIfAbsent(tenantId, t -> new Lane());
    boolean start;
    synchronized (lane) {
      lane.queue.add(request);
      start = !lane.draining;
      lane.draining = true;
    }
    if (start) {
      try {
        writers.execute(() -> drain(tenantId, lane));
      } catch (RuntimeException rejected) {
        synchronized (lane) {
          lane.draining = false;
          lane.queue.remove(request);
        }
        request.done().completeExceptionally(new IllegalStateException("the audit pipeline is closed"));
      }
    }
    return request.done();
  }

  private void drain(String tenantId, Lane lane) {
    while (true) {
      List<Request> group = new ArrayList<>();
      synchronized (lane) {
        int n = 0;
        while (!lane.queue.isEmpty() && (group.isEmpty() || n + lane.queue.peek().entries().size() <= maxEntries)) {
          Request r = lane.queue.poll();
          group.add(r);
          n += r.entries().size();
        }
        if (group.isEmpty()) {
          lane.draining = false;
          return;
        }
      }
      commit(tenantId, group);
    }
  }

  private void commit(String tenantId, List<Request> group) {
    List<PendingEntry> all = new ArrayList<>();
    for (Request r : group) all.addAll(r.entries());
    List<AuditEntry> stored;
    long start = System.nanoTime();
    try {
      stored = jdbi.inTransaction(h -> appender.appendAtVersion(h, tenantId, version -> {
        if (group.stream().allMatch(r -> r.decided() == null || r.decided().policyVersion() >= version)) return all;
        // A change to what decisions read committed after some of these were decided: they are
        // decided again here, where no further change can commit before this group does.
        List<PendingEntry> current = new ArrayList<>(all.size());
        for (Request r : group) {
          boolean stale = r.decided() != null && r.decided().policyVersion() < version;
          current.addAll(stale ? List.of(r.decided().redecide(h, version)) : r.entries());
        }
        return current;
      }));
    } catch (RuntimeException e) {
      listener.group(all.size(), System.nanoTime() - start, false);
      for (Request r : group) r.done().completeExceptionally(e);
      return;
    }
    listener.group(all.size(), System.nanoTime() - start, true);
    int from = 0;
    for (Request r : group) {
      int to = from + r.entries().size();
      r.done().complete(stored.subList(from, to));
      from = to;
    }
  }

  /** Stops taking requests and waits for queued groups to commit. */
  @Override
  public void close() throws InterruptedException {
    writers.shutdown();
    writers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
