package dev.vigil.app.jobs;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.controls.audit.Actor;
import dev.vigil.evidence.follow.Progress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence index rebuilds asked for through the API, each on a thread of its own so that
 * the request answers at once: at most one per tenant at a time, and each tenant's latest
 * progress kept until the server stops (in memory: each node knows its own). Thread-safe.
 */
public final class ReindexJobs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReindexJobs.class);

  /** How long a request waits for the rebuild's first report, which counts the entries to replay. */
  private static final Duration FIRST_REPORT = Duration.ofSeconds(5);

  /** Rebuilds a tenant's index, reporting progress as it goes: {@code Reindexer::rebuild}. */
  @FunctionalInterface
  public interface Rebuild {
    Progress run(String tenantId, Consumer<Progress> progress);
  }

  /** Records who asked for a rebuild (the audit entry); when it fails, nothing starts. */
  @FunctionalInterface
  public interface Recorder {
    void record(String tenantId, Actor actor);
  }

  private final Rebuild rebuild;
  private final Recorder recorder;
  private final Clock clock;
  private final Map<String, Progress> latest = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "evidence-reindex");
    t.setDaemon(true);
    return t;
  });

  public ReindexJobs(Rebuild rebuild, Recorder recorder, Clock clock) {
    this.rebuild = rebuild;
    this.recorder = recorder;
    this.clock = clock;
  }

  /**
   * Records the request and starts rebuilding the tenant's index; returns its first progress
   * (or, if that is slow to come, a progress of nothing done yet).
   *
   * @throws Rejected conflict when a rebuild of the tenant is running
   */
  public Progress start(String tenantId, Actor actor) {
    Progress reserved = new Progress(tenantId, Progress.RUNNING, 0, 0, 0, clock.instant(), null, null);
    Progress[] before = new Progress[1];
    latest.compute(tenantId, (t, now) -> {
      if (now != null && now.state().equals(Progress.RUNNING)) {
        throw Rejected.conflict("a rebuild of this tenant's evidence index is running; follow it with "
            + "GET /api/v1/evidence/reindex");
      }
      before[0] = now;
      return reserved;
    });
    CompletableFuture<Progress> first = new CompletableFuture<>();
    try {
      recorder.record(tenantId, actor);
      threads.execute(() -> run(reserved, first));
    } catch (RuntimeException e) {
      latest.compute(tenantId, (t, now) -> now == reserved ? before[0] : now);
      throw e;
    }
    try {
      return first.get(FIRST_REPORT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      return latest.getOrDefault(tenantId, reserved);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return latest.getOrDefault(tenantId, reserved);
    } catch (ExecutionException never) {
      throw new IllegalStateException(never.getCause());
    }
  }

  /** The tenant's latest rebuild, running or finished, since the server started. */
  public Optional<Progress> latest(String tenantId) {
    return Optional.ofNullable(latest.get(tenantId));
  }

  private void run(Progress reserved, CompletableFuture<Progress> first) {
    String tenantId = reserved.tenantId();
    Consumer<Progress> report = p -> {
      latest.put(tenantId, p);
      first.complete(p);
    };
    try {
      report.accept(rebuild.run(tenantId, report));
    } catch (RuntimeException | Error e) {
      // The rebuild reports its own failures; this is one it could not, which must not leave it "running".
      LOG.error("rebuilding the evidence index of tenant {} failed", tenantId, e);
      Progress last = latest.getOrDefault(tenantId, reserved);
      report.accept(new Progress(tenantId, Progress.FAILED, last.entries(), last.totalEntries(), last.documents(),
          last.startedAt(), clock.instant(), e.toString()));
    }
  }

  /** Lets running rebuilds finish for a while, then interrupts them; a half-built index is thrown away. */
  @Override
  public void close() throws InterruptedException {
    threads.shutdown();
    if (!threads.awaitTermination(30, TimeUnit.SECONDS)) threads.shutdownNow();
  }
}
