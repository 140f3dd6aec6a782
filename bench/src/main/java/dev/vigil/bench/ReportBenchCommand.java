package dev.vigil.bench;

import dev.vigil.collectors.crypto.MasterKey;
import dev.vigil.collectors.db.Jdbis;
import dev.vigil.collectors.db.Migrations;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bench-report [--months M] [--scale S] [--reuse] [--heap 512m] [--profile FILE]}: the
 * Type II report benchmark (issue 15) on PostgreSQL. Builds the {@link ReportEstate} in schema
 * {@code bench_report} (or, with {@code --reuse}, keeps the one built there by the same plan),
 * then generates the report of its whole period in a child JVM with the heap under test
 * ({@link ReportChild}) and prints its phases, pages, sizes and peak heap. The schema and the
 * master key (in {@code --dir}) are left in place so that the next run can reuse them.
 */
public final class ReportBenchCommand extends Command {

  private static final String SCHEMA = "bench_report";

  public ReportBenchCommand() {
    super("bench-report", "Benchmarks the Type II report (PDF, package, OSCAL) over a year of runs");
  }

  @Override
  public void configure(Subparser p) {
    p.addArgument("--pg-url").setDefault("jdbc:postgresql://127.0.0.1:5432/test").help("PostgreSQL database");
    p.addArgument("--pg-user").setDefault("postgres");
    p.addArgument("--months").type(Integer.class).setDefault(12).help("months of history and report period (default 12)");
    p.addArgument("--scale").type(Double.class).setDefault(1.0)
        .help("agents (200), grants (20,000), vendors (20) and actions (5 million a year) times this (default 1)");
    p.addArgument("--reuse").action(Arguments.storeTrue())
        .help("keep the estate already built in schema bench_report by the same plan");
    p.addArgument("--heap").setDefault("512m").help("the report process's -Xmx (default 512m)");
    p.addArgument("--profile").help("a JFR recording of the report process, written to this file");
    p.addArgument("--dir").setDefault(Path.of(System.getProperty("java.io.tmpdir"), "vigil-bench-report").toString())
        .help("where the master key and the generated report are kept");
  }

  /** A built estate: its plan, tenant and period. */
  private record Built(String plan, String tenant, Instant from, Instant to) {}

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace ns) throws Exception {
    String url = ns.getString("pg_url");
    String user = ns.getString("pg_user");
    Path dir = Files.createDirectories(Path.of(ns.getString("dir")));
    Path keyFile = dir.resolve("master-key.json");
    ReportEstate.Plan plan = new ReportEstate.Plan(ns.getInt("months"), ns.getDouble("scale"));
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    Optional<Built> built = ns.getBoolean("reuse") && Files.exists(keyFile) ? built(url, user) : Optional.empty();
    if (built.isPresent() && built.get().plan().equals(plan.key())) {
      System.out.printf("Vigil report bench: reusing the estate in schema %s (%s)%n", SCHEMA, plan.key());
    } else {
      built = Optional.of(build(url, user, schemaUrl, keyFile, plan));
    }
    Built b = built.get();
    System.out.printf("  report of %s .. %s in a child JVM with -Xmx%s%n", b.from(), b.to(), ns.getString("heap"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + ns.getString("heap")));
    if (ns.getString("profile") != null) {
      command.add("-XX:StartFlightRecording=filename=" + ns.getString("profile") + ",settings=profile");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReportChild.class.getName(), schemaUrl, user,
        keyFile.toString(), b.tenant(), b.from().toString(), b.to().toString(), dir.resolve("out").toString(),
        Long.toString(ReportEstate.EVERY.toSeconds())));
    long t0 = System.nanoTime();
    int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
    System.out.printf("  child JVM exited %d after %.1f s (its start and connection included)%n", exit,
        (System.nanoTime() - t0) / 1e9);
    if (exit != 0) throw new IllegalStateException("the report process failed");
  }

  private static Built build(String url, String user, String schemaUrl, Path keyFile, ReportEstate.Plan plan)
      throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
    Files.deleteIfExists(keyFile);
    MasterKey master = MasterKey.generate(keyFile);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(schemaUrl);
    ds.setUser(user);
    // One multi-row INSERT a batch rather than a statement a row: the runs are most of the load.
    ds.setReWriteBatchedInserts(true);
    Migrations.apply(ds);
    Jdbi jdbi = Jdbis.configure(Jdbi.create(ds));
    Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
    Instant from = to.atOffset(ZoneOffset.UTC).minusMonths(plan.months()).toInstant();
    Clock atEnd = Clock.fixed(to, ZoneOffset.UTC);
    SweepTenant probe = new SweepTenant(jdbi, master, null, atEnd);
    String tenant = ReportEstate.createTenant(probe, from);
    System.out.printf("Vigil report bench: building %s (%,d agents, %,d grants, %,d vendors, %,d actions, "
        + "%d deviations, runs every %d min) in schema %s ...%n", plan.key(), plan.agents(), plan.grants(),
        plan.vendors(), plan.actions(), plan.deviations(), ReportEstate.EVERY.toMinutes(), SCHEMA);
    long t0 = System.nanoTime();
    long runs = new ReportEstate(new SweepTenant(jdbi, master, tenant, atEnd), from).build(plan);
    System.out.printf("  built in %.0f s: %,d runs; %s%n", (System.nanoTime() - t0) / 1e9, runs, sizes(jdbi));
    try (Connection c = DriverManager.getConnection(schemaUrl, user, ""); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_report_estate (plan VARCHAR(100), tenant_id VARCHAR(40), "
          + "period_from TIMESTAMPTZ, period_to TIMESTAMPTZ)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_report_estate VALUES (?, ?, ?, ?)")) {
        ps.setString(1, plan.key());
        ps.setString(2, tenant);
        ps.setObject(3, from.atOffset(ZoneOffset.UTC));
        ps.setObject(4, to.atOffset(ZoneOffset.UTC));
        ps.execute();
      }
    }
    return new Built(plan.key(), tenant, from, to);
  }

  /** The estate built in the schema, if one was completed. */
  private static Optional<Built> built(String url, String user) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      try (ResultSet exists = s.executeQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = '"
          + SCHEMA + "' AND table_name = 'bench_report_estate'")) {
        if (!exists.next()) return Optional.empty();
      }
      try (ResultSet r = s.executeQuery("SELECT plan, tenant_id, period_from, period_to FROM " + SCHEMA
          + ".bench_report_estate")) {
        if (!r.next()) return Optional.empty();
        return Optional.of(new Built(r.getString(1), r.getString(2),
            r.getObject(3, java.time.OffsetDateTime.class).toInstant(),
            r.getObject(4, java.time.OffsetDateTime.class).toInstant()));
      }
    }
  }

  private static String sizes(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT 'control_runs ' || pg_size_pretty(pg_total_relation_size('control_runs'))
          || ', audit_entries ' || pg_size_pretty(pg_total_relation_size('audit_entries'))
          || ' (' || (SELECT COUNT(*) FROM audit_entries) || ' entries)'
        """).mapTo(String.class).one());
  }
}
