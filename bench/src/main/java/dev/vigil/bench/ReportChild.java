package dev.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.app.config.ControlsFactory;
import dev.vigil.app.config.DatabaseFactory;
import dev.vigil.app.config.Reports;
import dev.vigil.collectors.audit.AuditAppender;
import dev.vigil.collectors.audit.CheckpointSigner;
import dev.vigil.collectors.audit.CheckpointStore;
import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Ids;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.reports.ReportFile;
import dev.vigil.controls.catalog.Catalog;
import dev.vigil.controls.catalog.Family;
import dev.vigil.reports.Artifacts;
import dev.vigil.reports.ReportGenerator;
import dev.vigil.reports.ReportRequest;
import dev.vigil.reports.pack.PeriodReport;
import dev.vigil.reports.period.Period;
import io.dropwizard.db.ManagedDataSource;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The process {@code bench-report} times: generates one report with the service's generator
 * ({@link Reports#generator}), as a report job does, and prints its phases (from the
 * generator's progress), pages, sizes and the heap's peak. Started in a JVM of its own with the
 * heap under test, over the service's connection pool. Arguments: JDBC URL, user, master key file, tenant, period start and end,
 * output directory, schedule seconds.
 */
public final class ReportChild {

  private ReportChild() {}

  public static void main(String[] args) throws Exception {
    // The service logs at INFO; unconfigured logback would log every library's DEBUG lines.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    // The service's own pool and its settings, as a report job borrows connections from it.
    DatabaseFactory database = new ObjectMapper().convertValue(Map.of("url", args[0], "user", args[1]),
        DatabaseFactory.class);
    ManagedDataSource ds = database.buildForCommand(Path.of(args[6]));
    MasterKey master = MasterKey.load(Path.of(args[2]));
    String tenant = args[3];
    Period period = new Period(Instant.parse(args[4]), Instant.parse(args[5]));
    Path out = Files.createDirectories(Path.of(args[6]));
    Duration every = Duration.ofSeconds(Long.parseLong(args[7]));

    Clock clock = Clock.systemUTC();
    Jdbi jdbi = Jdbis.configure(Jdbi.create(ds));
    AuditAppender appender = new AuditAppender(clock);
    CheckpointStore checkpoints = new CheckpointStore(jdbi, CheckpointSigner.loadOrCreate(jdbi, master, clock), clock);
    ControlsFactory defaults = new ControlsFactory();
    Map<Family, Duration> schedules = new EnumMap<>(Family.class);
    for (Family f : Family.values()) schedules.put(f, every);
    Ids ids = new Ids(clock);
    Catalog catalog = new Catalog(defaults.parameters());
    ReportGenerator generator = Reports.generator(jdbi, appender, checkpoints, master, catalog, schedules, ids, clock);

    // The generator reports progress after each control (its runs.jsonl written as they are
    // read), the chain's pass (its audit bundle written as it is verified), the system (reading
    // ends at READ), the PDF, the OSCAL document and the rest of the package (1).
    List<double[]> steps = new ArrayList<>();
    long t0 = System.nanoTime();
    Artifacts artifacts = generator.generate(new ReportRequest(ids.next("rpt"), tenant, "Bench report", period,
        clock.instant()), out, p -> steps.add(new double[] {p, (System.nanoTime() - t0) / 1e9}));
    double total = (System.nanoTime() - t0) / 1e9;

    long peak = 0;
    StringBuilder pools = new StringBuilder();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP) continue;
      long used = pool.getPeakUsage().getUsed();
      peak += used;
      pools.append(pools.isEmpty() ? "" : ", ").append(pool.getName()).append(' ').append(mb(used)).append(" MB");
    }
    double read = at(steps, PeriodReport.READ);
    double pdf = at(steps, PeriodReport.PDF);
    double oscal = at(steps, PeriodReport.OSCAL);
    int controls = catalog.all().size();
    long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    System.out.printf("  %d controls with their runs written %.1f s, chain verified with its audit bundle written "
        + "%.1f s, system %.1f s%n", controls, nth(steps, controls), nth(steps, controls + 1) - nth(steps, controls),
        read - nth(steps, controls + 1));
    System.out.println("  per control: " + perControl(steps, catalog));
    System.out.printf("  read %.1f s, then PDF %.1f s, OSCAL %.1f s, rest of the package %.1f s: total %.1f s%n",
        read, pdf - read, oscal - pdf, total - oscal, total);
    System.out.printf("  PDF %,d pages, %.1f MB; %.1f pages/s of the whole generation, %.1f of the PDF's own time%n",
        artifacts.pages(), size(artifacts, ReportFile.PDF), artifacts.pages() / total, artifacts.pages() / (pdf - read));
    System.out.printf("  OSCAL %.1f MB; package %.1f MB%n", size(artifacts, ReportFile.OSCAL),
        size(artifacts, ReportFile.PACKAGE));
    System.out.printf("  peak heap %,d MB of %,d MB max (sum of the heap pools' peaks: %s); %.1f s in GC%n", mb(peak),
        mb(Runtime.getRuntime().maxMemory()), pools, gcMillis / 1e3);
    ds.stop();
  }

  /** Seconds at the first progress report at or past {@code p}. */
  private static double at(List<double[]> steps, double p) {
    return steps.stream().filter(s -> s[0] >= p - 1e-9).findFirst().orElseThrow()[1];
  }

  /** Seconds at the {@code n}th progress report after the first (0). */
  private static double nth(List<double[]> steps, int n) {
    return steps.get(n)[1];
  }

  /** Each control's reading time (history with its runs written, period model, sample), in catalog order. */
  private static String perControl(List<double[]> steps, Catalog catalog) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= catalog.all().size(); i++) {
      b.append(b.isEmpty() ? "" : ", ").append(catalog.all().get(i - 1).id())
          .append(String.format(" %.1f", steps.get(i)[1] - steps.get(i - 1)[1]));
    }
    return b + " s";
  }

  private static double size(Artifacts a, String name) {
    return a.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().bytes() / 1e6;
  }

  private static long mb(long bytes) {
    return bytes / (1 << 20);
  }
}
