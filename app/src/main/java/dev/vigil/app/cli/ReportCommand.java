package dev.vigil.app.cli;

import dev.vigil.app.VigilConfiguration;
import dev.vigil.app.config.Reports;
import dev.vigil.app.jobs.ReportJobs;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.AuditedWrites;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Rejected;
import dev.vigil.collectors.reports.Report;
import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.collectors.reports.ReportStore;
import dev.vigil.controls.audit.Actor;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.reports.Artifacts;
import dev.vigil.reports.ReportGenerator;
import dev.vigil.reports.ReportRequest;
import dev.vigil.reports.period.Period;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code report --tenant ID --from T --to T --out DIR [--title T] config.yml}: writes a tenant's
 * Type II report of {@code [from, to)} (report.pdf, evidence.zip, oscal.json) into DIR, with a
 * progress bar on a terminal. The report is recorded as the API records one (requested by
 * {@code {"type": "cli", "id": "report"}}, its files' hashes in the chain), so it lists with the
 * others, and its files are also placed in the reports dir, so the API serves them. DIR must be
 * new or empty: files recorded in the chain are never overwritten. Exits 0 when written, 1 when
 * DIR holds files, the period is refused or generation failed.
 */
public final class ReportCommand extends VigilCommand {

  private static final Actor CLI = new Actor("cli", "report");

  public ReportCommand() {
    super("report", "Writes a tenant's Type II report of a period: PDF, evidence package and OSCAL",
        "report --tenant ID --from T --to T --out DIR config.yml");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--tenant").required(true).help("the tenant's id");
    subparser.addArgument("--from").required(true).help("the period's start, e.g. 2026-09-01T00:00:00Z");
    subparser.addArgument("--to").required(true).help("the period's end (not in it), e.g. 2026-12-01T00:00:00Z");
    subparser.addArgument("--out").required(true).help("the directory to write the three files into");
    subparser.addArgument("--title").help("the report's title (default: made from the tenant and period)");
  }

  @Override
  protected void run(Namespace ns, VigilConfiguration config) throws Exception {
    Instant from = time("--from", ns.getString("from"));
    Instant to = time("--to", ns.getString("to"));
    Path out = Path.of(ns.getString("out"));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CommandFailed(1, "--out " + out + " is a file, not a directory; give a new or empty directory");
    }
    if (holdsFiles(out)) {
      throw new CommandFailed(1, "--out " + out + " already holds files; give a new or empty directory (a report's"
          + " files are recorded in the chain and are not overwritten)");
    }
    Files.createDirectories(out);
    ManagedDataSource dataSource = config.database().buildForCommand(config.dataDir());
    try {
      Jdbi jdbi = Jdbis.configure(Jdbi.create(dataSource));
      Clock clock = Clock.tickMillis(ZoneOffset.UTC);
      Ids ids = new Ids(clock);
      MasterKey masterKey = config.crypto().build(config.dataDir());
      AuditAppender appender = new AuditAppender(clock);
      CheckpointStore checkpoints = new CheckpointStore(jdbi, CheckpointSigner.loadOrCreate(jdbi, masterKey, clock),
          clock);
      ReportGenerator generator = Reports.generator(jdbi, appender, checkpoints, masterKey,
          new Catalog(config.controls().parameters()), config.controls().schedules(), ids, clock);
      generate(new ReportStore(new AuditedWrites(jdbi, appender, ids, clock)), generator, ns.getString("tenant"),
          ns.getString("title"), new Period(from, to), out, config.reportsDir(), clock);
    } finally {
      dataSource.stop();
    }
  }

  private static void generate(ReportStore store, ReportGenerator generator, String tenantId, String title,
      Period period, Path out, Path reportsDir, Clock clock) throws CommandFailed {
    Report r;
    try {
      r = store.request(tenantId, CLI, title, period.from(), period.to());
    } catch (Rejected e) {
      throw new CommandFailed(1, e.getMessage());
    } catch (IllegalStateException e) {
      throw new CommandFailed(1, "no tenant " + tenantId + " here");
    }
    // This run claims the report as a node of its own and beats while it works, so that a
    // server on the same database neither takes it up nor gives it up as abandoned.
    String node = "cli-" + ProcessHandle.current().pid() + "-" + r.id();
    if (!store.claim(tenantId, r.id(), node)) throw new CommandFailed(1, "report " + r.id() + " was taken by a server");
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(t -> {
      Thread thread = new Thread(t, "report-beat");
      thread.setDaemon(true);
      return thread;
    });
    beat.scheduleWithFixedDelay(() -> store.beat(node), 0, Reports.BEAT.toMillis(), TimeUnit.MILLISECONDS);
    ProgressBar bar = new ProgressBar(System.out, System.console() != null, clock);
    Artifacts a;
    try {
      a = generator.generate(new ReportRequest(r.id(), tenantId, r.title(), period, clock.instant()), out, bar);
      ReportJobs.place(reportsDir, tenantId, r.id(), out, a.files());
    } catch (Exception e) {
      bar.finish();
      String reason = ReportJobs.reason(e);
      store.failed(tenantId, r.id(), node, reason);
      throw new CommandFailed(1, "report " + r.id() + " failed: " + reason);
    } finally {
      beat.shutdownNow();
    }
    bar.finish();
    store.done(tenantId, r.id(), node, a.pages(), a.files());
    System.out.println("report " + r.id() + ": " + a.pages() + " pages, written to " + out.toAbsolutePath());
    for (ReportFile f : a.files()) {
      System.out.printf("  %-13s %,12d bytes  sha256 %s%n", f.name(), f.bytes(), f.sha256());
    }
  }

  private static boolean holdsFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }

  private static Instant time(String option, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + ": expected an ISO 8601 time such as 2026-09-01T00:00:00Z");
    }
  }
}
