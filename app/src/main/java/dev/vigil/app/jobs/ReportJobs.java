package dev.vigil.app.jobs;

import dev.vigil.collectors.reports.Report;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates requested reports in the background, one at a time (a report reads a tenant's
 * whole period), into {@code <reports dir>/<tenant>/<report id>/}. A report is written into a
 * directory of its own beside that one and moved into place when whole, so a download never
 * sees half a file. Reports that were queued or running when the service stopped are queued
 * again when it starts. Thread-safe.
 */
public final class ReportJobs implements Managed {

  private static final Logger LOG = LoggerFactory.getLogger(ReportJobs.class);
  /** Progress is written to the database when it moved by at least this much. */
  private static final double PROGRESS_STEP = 0.01;

  private final ReportStore store;
  private final ReportGenerator generator;
  private final Path dir;
  private final Clock clock;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "report-generator");
    t.setDaemon(true);
    return t;
  });

  public ReportJobs(ReportStore store, ReportGenerator generator, Path dir, Clock clock) {
    this.store = store;
    this.generator = generator;
    this.dir = dir;
    this.clock = clock;
  }

  /** Queues again what was queued or running when the service last stopped. */
  @Override
  public void start() {
    for (Report r : store.requeueUnfinished()) submit(r.tenantId(), r.id());
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

  private void submit(String tenantId, String id) {
    worker.execute(() -> generate(tenantId, id));
  }

  private void generate(String tenantId, String id) {
    // Stopping: leave it queued for the next start rather than hold the shutdown.
    if (stopping.get()) return;
    Report r = store.find(tenantId, id).orElse(null);
    if (r == null || !store.start(tenantId, id)) return;
    Path target = folder(tenantId, id);
    Path partial = target.resolveSibling(id + ".partial");
    try {
      deleteTree(partial);
      Files.createDirectories(partial);
      double[] written = {0};
      Artifacts a = generator.generate(new ReportRequest(id, tenantId, r.title(), new Period(r.from(), r.to()),
          clock.instant()), partial, p -> {
            if (p - written[0] >= PROGRESS_STEP) {
              written[0] = p;
              store.progress(tenantId, id, p);
            }
          });
      deleteTree(target);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      store.done(tenantId, id, a.pages(), a.files());
    } catch (IOException | RuntimeException e) {
      LOG.error("generating report {} of tenant {} failed", id, tenantId, e);
      store.failed(tenantId, id, reason(e));
      try {
        deleteTree(partial);
      } catch (IOException ignored) {
        // the next attempt clears it
      }
    }
  }

  /** The failure in a line a user can act on; never a stack trace. */
  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 2000 ? message.substring(0, 2000) : message;
  }

  private Path folder(String tenantId, String id) {
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
    worker.shutdown();
    if (!worker.awaitTermination(1, TimeUnit.MINUTES)) worker.shutdownNow();
  }
}
