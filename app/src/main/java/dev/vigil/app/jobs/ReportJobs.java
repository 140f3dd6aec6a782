package dev.vigil.app.jobs;

import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.reports.Report;
import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.collectors.reports.ReportStatus;
import dev.vigil.collectors.reports.ReportStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.reports.Artifacts;
import dev.vigil.reports.ReportGenerator;
import dev.vigil.reports.ReportRequest;
import dev.vigil.reports.period.Period;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates requested reports in the background, one at a time (a report reads a tenant's
 * whole period), into {@code <reports dir>/<tenant>/<report id>/}. A report is written into a
 * directory of its own beside that one and moved into place when whole, so a download never
 * sees half a file. Several nodes share the queue in the database: a node generates only a
 * report it claimed, beats while it works, and every {@code beat} takes up queued reports
 * (asked through another node, or given up by a node that stopped beating for three beats).
 * Reports this node was running when it stopped are queued again when it starts. With
 * several nodes the reports dir must be one directory they share, so that any node serves
 * the files. Thread-safe.
 */
public final class ReportJobs implements Managed {

  private static final Logger LOG = LoggerFactory.getLogger(ReportJobs.class);
  /** Progress is written to the database when it moved by at least this much. */
  private static final double PROGRESS_STEP = 0.01;
  /** Queued reports read per beat; the rest come at the next beats. */
  private static final int QUEUE_PAGE = 20;
  /** No node has this name: requeueing "its" reports gives up only those of silent nodes. */
  private static final String STOPPED_NODE = "";

  private final ReportStore store;
  private final ReportGenerator generator;
  private final Path dir;
  private final String node;
  private final Duration beat;
  private final Clock clock;
  private final AtomicBoolean stopping = new AtomicBoolean();
  /** Reports handed to the worker and not finished: the queue poll does not hand them again. */
  private final Set<String> submitted = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "report-generator");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "report-queue");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param node this node's lasting name (it survives restarts: a restarted node gives up what
   *     it was running at once, not after three beats)
   * @param beat how often this node says it still works and looks at the queue
   */
  public ReportJobs(ReportStore store, ReportGenerator generator, Path dir, String node, Duration beat, Clock clock) {
    this.store = store;
    this.generator = generator;
    this.dir = dir;
    this.node = node;
    this.beat = beat;
    this.clock = clock;
  }

  /** Queues again what this node was running when it stopped, then takes up the queue now and every beat. */
  @Override
  public void start() {
    store.requeue(node, staleBefore());
    poll.scheduleWithFixedDelay(this::takeUpQueue, 0, beat.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Instant staleBefore() {
    return clock.instant().minus(beat.multipliedBy(3));
  }

  private void takeUpQueue() {
    try {
      store.beat(node);
      store.requeue(STOPPED_NODE, staleBefore());
      for (Report r : store.queued(QUEUE_PAGE)) submit(r.tenantId(), r.id());
    } catch (RuntimeException e) {
      LOG.warn("cannot read the report queue; trying again in {}", beat, e);
    }
  }

  /** Records the request (audited) and queues its generation. */
  public Report request(String tenantId, Actor actor, String title, Instant from, Instant to) {
    Report r = store.request(tenantId, actor, title, from, to);
    submit(tenantId, r.id());
    return r;
  }

  /** Where a finished report's file lies. */
  public Path file(Report report, String name) {
    return folder(report.tenantId(), report.id()).resolve(name);
  }

  /** A finished report's file, ready to send: where it lies, its media type and the name to save it as. */
  public record Download(Path path, String contentType, String fileName) {}

  /**
   * File {@code name} of report {@code id} for {@code actor}, whose download is audited before
   * it is handed over.
   *
   * @throws Rejected 404 for a report the tenant does not have, or a file this node cannot
   *     read; 409 until the report is done
   */
  public Download download(String tenantId, Actor actor, String id, String name) {
    Report r = store.find(tenantId, id).orElseThrow(() -> Rejected.notFound("report", id));
    if (r.status() == ReportStatus.FAILED) {
      throw Rejected.conflict("report " + id + " failed (" + r.reason() + ") and has no files; ask for it again");
    }
    if (r.status() != ReportStatus.DONE) {
      throw Rejected.conflict("report " + id + " is " + r.status().wire() + "; its files exist once it is done");
    }
    ReportFile file = r.files().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> Rejected.notFound("report file", name));
    Path path = file(r, name);
    if (!Files.isRegularFile(path)) {
      throw Rejected.notFound("report file (it was generated on another node or removed)", name);
    }
    store.downloaded(tenantId, actor, r, file);
    return new Download(path, ReportFile.contentType(name), id + "-" + name);
  }

  private void submit(String tenantId, String id) {
    if (!submitted.add(id)) return;
    try {
      worker.execute(() -> {
        try {
          generate(tenantId, id);
        } finally {
          submitted.remove(id);
        }
      });
    } catch (RejectedExecutionException stopping) {
      submitted.remove(id); // left queued for a node that runs
    }
  }

  private void generate(String tenantId, String id) {
    // Stopping: leave it queued for the next start rather than hold the shutdown.
    if (stopping.get()) return;
    Report r = store.find(tenantId, id).orElse(null);
    if (r == null || !store.claim(tenantId, id, node)) return;
    Path target = folder(tenantId, id);
    // Each node writes its own partial directory: one that lost a claim (it stopped beating,
    // and another node took the report) never writes into the other's.
    Path partial = target.resolveSibling(id + ".partial-" + node);
    try {
      deleteTree(partial);
      Files.createDirectories(partial);
      double[] written = {0};
      Artifacts a = generator.generate(new ReportRequest(id, tenantId, r.title(), new Period(r.from(), r.to()),
          clock.instant()), partial, p -> {
            if (p - written[0] >= PROGRESS_STEP) {
              written[0] = p;
              store.progress(tenantId, id, node, p);
            }
          });
      moveIntoPlace(partial, target);
      store.done(tenantId, id, node, a.pages(), a.files());
    } catch (IOException | RuntimeException e) {
      LOG.error("generating report {} of tenant {} failed", id, tenantId, e);
      store.failed(tenantId, id, node, reason(e));
      try {
        deleteTree(partial);
      } catch (IOException ignored) {
        // the next attempt clears it
      }
    }
  }

  /**
   * Places the files of report {@code id}, written elsewhere into {@code from}, where every node
   * serves them from (the reports dir {@code dir}): copied into a directory of their own and moved
   * into place whole, as a generated report is. Nothing is left behind when it fails.
   */
  public static void place(Path dir, String tenantId, String id, Path from, List<ReportFile> files)
      throws IOException {
    Path target = folder(dir, tenantId, id);
    Path partial = target.resolveSibling(id + ".partial-copy");
    try {
      deleteTree(partial);
      Files.createDirectories(partial);
      for (ReportFile f : files) Files.copy(from.resolve(f.name()), partial.resolve(f.name()));
      moveIntoPlace(partial, target);
    } catch (IOException | RuntimeException e) {
      try {
        deleteTree(partial);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void moveIntoPlace(Path partial, Path target) throws IOException {
    deleteTree(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The failure in a line a user can act on; never a stack trace. */
  public static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 2000 ? message.substring(0, 2000) : message;
  }

  private Path folder(String tenantId, String id) {
    return folder(dir, tenantId, id);
  }

  /** Where the files of report {@code id} lie under the reports dir {@code dir}, whichever node or command wrote them. */
  private static Path folder(Path dir, String tenantId, String id) {
    return dir.resolve(tenantId).resolve(id);
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) return;
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Stops after the report being generated, if any, for up to a minute; one still running then
   * stays marked running and is queued again at the next start.
   */
  @Override
  public void stop() throws InterruptedException {
    stopping.set(true);
    poll.shutdownNow();
    worker.shutdown();
    if (!worker.awaitTermination(1, TimeUnit.MINUTES)) worker.shutdownNow();
  }
}
